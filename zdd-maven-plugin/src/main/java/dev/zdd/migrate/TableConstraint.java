package dev.zdd.migrate;

/**
 * A table constraint, in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD}.
 *
 * @param kind          what it enforces
 * @param name          its name, or null when PostgreSQL will make one up
 * @param at            its first token
 * @param notValid      declared {@code NOT VALID}: existing rows are not checked now
 * @param usingIndex    {@code UNIQUE / PRIMARY KEY USING INDEX}: built on an existing index
 * @param notNullColumn for {@code CHECK (c IS NOT NULL)}, the column c; otherwise null
 */
public record TableConstraint(Kind kind, String name, SqlToken at, boolean notValid, boolean usingIndex,
                              String notNullColumn) {
    public enum Kind {
        CHECK, FOREIGN_KEY, UNIQUE, PRIMARY_KEY, EXCLUDE, NOT_NULL, OTHER
    }
}
