package dev.zdd.migrate;

/**
 * A column a statement assigns or declares: {@code a} in {@code UPDATE t SET a = 1} or {@code INSERT INTO t (a)}.
 *
 * @param name    the column as PostgreSQL sees it
 * @param at      the token of its name
 * @param partial whether only part of it is assigned ({@code a[1] = ...}, {@code a.field = ...}); PostgreSQL allows
 *                several of those to one column
 */
public record ColumnTarget(String name, SqlToken at, boolean partial) {
}
