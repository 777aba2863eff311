package dev.zdd.migrate;

/**
 * A column's type as written.
 *
 * @param name     lower case, schema left out, words joined by one space: {@code character varying},
 *                 {@code timestamp without time zone}, {@code int4}
 * @param modified whether it has a modifier such as a length: {@code varchar(255)}
 * @param at       its first token
 */
public record DataType(String name, boolean modified, SqlToken at) {
    public boolean isOneOf(String... names) {
        for (String n : names) {
            if (name.equals(n)) {
                return true;
            }
        }
        return false;
    }
}
