package dev.zdd.migrate;

import java.util.List;

/**
 * A column in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN}.
 *
 * @param name          as PostgreSQL sees it
 * @param at            the token of its name
 * @param type          its type, or null when it has none (a column of a partition)
 * @param notNull       declared {@code NOT NULL}
 * @param defaultValue  the tokens of its {@code DEFAULT} expression, or null without one
 * @param generated     the token of {@code GENERATED ... STORED} or {@code GENERATED ... AS IDENTITY}, or null
 * @param identity      whether {@code generated} is an identity
 * @param references    the token of an inline {@code REFERENCES}, or null
 * @param primaryKey    the token of an inline {@code PRIMARY KEY}, or null
 * @param unique        the token of an inline {@code UNIQUE}, or null
 */
public record ColumnDefinition(String name, SqlToken at, DataType type, boolean notNull,
                               List<SqlToken> defaultValue, SqlToken generated, boolean identity,
                               SqlToken references, SqlToken primaryKey, SqlToken unique) {
}
