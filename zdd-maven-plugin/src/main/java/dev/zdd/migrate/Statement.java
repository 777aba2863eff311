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
 */
public record Statement(Kind kind, SqlStatement source, String table, List<String> tables,
                        List<ColumnDefinition> columns, List<TableConstraint> constraints, List<AlterAction> actions,
                        boolean concurrently, boolean ifExists, boolean named, boolean temporary,
                        boolean onCommitDrop, boolean cascade, String setting) {
    public enum Kind {
        CREATE_TABLE, ALTER_TABLE, DROP_TABLE, TRUNCATE, CREATE_INDEX, DROP_INDEX, REINDEX, CREATE_DATABASE,
        DROP_DATABASE, VACUUM, ALTER_TYPE_ADD_VALUE, ALTER_SYSTEM, BEGIN, COMMIT, ROLLBACK, SET, DO,
        /** DML: SELECT, INSERT, UPDATE, DELETE, COPY, WITH, VALUES — they take no lock that blocks DDL readers. */
        DATA,
        /** Any other DDL: CREATE FUNCTION, CREATE VIEW, ALTER SEQUENCE, COMMENT, GRANT, ... */
        OTHER
    }

    public SqlToken at() {
        return source.first();
    }
}
