package dev.zdd.migrate;

import java.util.List;

/**
 * A statement as far as the rules need to understand it. Statements of kinds the rules do not look into are
 * {@link Kind#OTHER}, with their first words kept so they can still be told apart.
 *
 * @param kind          what it is
 * @param source        the statement as split from the file
 * @param table         the table it creates, alters, drops, truncates or indexes (last name part), or null
 * @param tables        every table of a {@code DROP TABLE} or {@code TRUNCATE}; otherwise {@code table} alone
 * @param columns       the columns of a {@code CREATE TABLE}
 * @param constraints   the table constraints of a {@code CREATE TABLE}
 * @param actions       the actions of an {@code ALTER TABLE}
 * @param concurrently  {@code CONCURRENTLY} given (index creation, deletion, reindex)
 * @param ifExists      {@code IF [NOT] EXISTS} given
 * @param named         for {@code CREATE INDEX}, whether the index has a name
 * @param temporary     a {@code CREATE TEMP TABLE}
 * @param onCommitDrop  a {@code CREATE TEMP TABLE ... ON COMMIT DROP}
 * @param cascade       {@code CASCADE} given
 * @param setting       for {@code SET}, the parameter set (lower case); otherwise null
 * @param clause        the clause that decides how the rules read the statement, or null when it is absent: the
 *                      first constraint of a {@code CREATE DOMAIN} ({@code CHECK}, {@code NOT NULL} or
 *                      {@code CONSTRAINT}), the {@code ADD} of an {@code ALTER DOMAIN ... ADD CONSTRAINT}, the
 *                      {@code BEFORE} or {@code AFTER} placing a new enum value, the {@code FULL} of a
 *                      {@code VACUUM}
 * @param targetLists   the column lists a statement assigns or declares, each a list on its own: the columns of an
 *                      {@code INSERT}, the {@code SET} list of an {@code UPDATE} or {@code ON CONFLICT DO UPDATE},
 *                      the column names of a {@code CREATE VIEW}; empty for other statements
 */
public record Statement(Kind kind, SqlStatement source, String table, List<String> tables,
                        List<ColumnDefinition> columns, List<TableConstraint> constraints, List<AlterAction> actions,
                        boolean concurrently, boolean ifExists, boolean named, boolean temporary,
                        boolean onCommitDrop, boolean cascade, String setting, SqlToken clause,
                        List<List<ColumnTarget>> targetLists) {
    public enum Kind {
        CREATE_TABLE, ALTER_TABLE, DROP_TABLE, TRUNCATE, CREATE_INDEX, DROP_INDEX, REINDEX, CREATE_DATABASE,
        DROP_DATABASE, VACUUM, CLUSTER, ALTER_TYPE_ADD_VALUE, CREATE_DOMAIN, ALTER_DOMAIN, ALTER_SYSTEM, BEGIN,
        COMMIT, ROLLBACK, SET, DO,
        /** DML: SELECT, INSERT, UPDATE, DELETE, COPY, WITH, VALUES — they take no lock that blocks DDL readers. */
        DATA,
        /** Any other DDL: CREATE FUNCTION, CREATE VIEW, ALTER SEQUENCE, COMMENT, GRANT, ... */
        OTHER
    }

    public SqlToken at() {
        return source.first();
    }
}
