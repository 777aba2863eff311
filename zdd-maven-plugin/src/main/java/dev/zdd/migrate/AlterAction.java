package dev.zdd.migrate;

/**
 * One action of an {@code ALTER TABLE}.
 *
 * @param kind       what it does
 * @param at         its first token
 * @param column     the column it is about (for column actions), or the old name for renames
 * @param newName    for renames, the new name; otherwise null
 * @param definition for {@link Kind#ADD_COLUMN}, the column; otherwise null
 * @param constraint for {@link Kind#ADD_CONSTRAINT}, the constraint; otherwise null
 * @param type       for {@link Kind#ALTER_COLUMN_TYPE}, the new type; otherwise null
 * @param constraintName for {@link Kind#VALIDATE_CONSTRAINT} and {@link Kind#DROP_CONSTRAINT}; otherwise null
 * @param ifExists   {@code IF EXISTS} / {@code IF NOT EXISTS} given, so the action can run twice
 * @param concurrently {@code DETACH PARTITION ... CONCURRENTLY}
 */
public record AlterAction(Kind kind, SqlToken at, String column, String newName, ColumnDefinition definition,
                          TableConstraint constraint, DataType type, String constraintName, boolean ifExists,
                          boolean concurrently) {
    public enum Kind {
        ADD_COLUMN, DROP_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT,
        ADD_CONSTRAINT, VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT,
        SET_SCHEMA, ATTACH_PARTITION, DETACH_PARTITION, OTHER
    }

    static AlterAction of(Kind kind, SqlToken at) {
        return new AlterAction(kind, at, null, null, null, null, null, null, false, false);
    }
}
