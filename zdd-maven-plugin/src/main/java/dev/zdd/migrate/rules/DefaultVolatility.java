package dev.zdd.migrate.rules;

import dev.zdd.migrate.SqlToken;

import java.util.List;
import java.util.Set;

/**
 * Whether a DEFAULT expression is evaluated once (PostgreSQL 11+ then stores it as the "missing value" and does
 * not touch the rows) or per row, which rewrites the table. Measured on PostgreSQL 15: {@code DEFAULT now()} keeps
 * the table's file; {@code random()}, {@code gen_random_uuid()}, {@code clock_timestamp()} and a serial column
 * rewrite it.
 */
final class DefaultVolatility {
    enum Kind { CONSTANT, VOLATILE, UNKNOWN_FUNCTION }

    /** Functions PostgreSQL marks volatile that show up in defaults. */
    private static final Set<String> VOLATILE = Set.of("random", "random_normal", "gen_random_uuid",
            "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp",
            "timeofday", "nextval", "setval", "currval", "lastval", "txid_current", "pg_current_xact_id",
            "gen_random_bytes", "gen_salt");
    /** Stable or immutable functions (provolatile 's' or 'i') common in defaults: evaluated once by ADD COLUMN. */
    private static final Set<String> NON_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "lower", "upper",
            "length", "coalesce", "nullif", "greatest", "least", "to_timestamp", "to_date", "to_char", "to_number",
            "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "date_trunc",
            "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "concat", "md5",
            "abs", "round", "trim", "btrim", "replace", "substring", "substr", "array_fill", "cast", "timezone",
            "current_setting", "uuid_nil", "inet", "int4range", "int8range", "tstzrange", "daterange", "numrange",
            "row", "array", "format", "left", "right", "lpad", "rpad", "pg_catalog");

    private DefaultVolatility() {
    }

    static Kind of(List<SqlToken> expression) {
        Kind kind = Kind.CONSTANT;
        for (int i = 0; i + 1 < expression.size(); i++) {
            SqlToken t = expression.get(i);
            boolean call = t.isIdentifier() && expression.get(i + 1).isSymbol("(")
                    && (i == 0 || !expression.get(i - 1).isSymbol("::"));
            if (!call) {
                continue;
            }
            String name = t.name();
            if (VOLATILE.contains(name)) {
                return Kind.VOLATILE;
            }
            if (!NON_VOLATILE.contains(name)) {
                kind = Kind.UNKNOWN_FUNCTION;
            }
        }
        return kind;
    }

    /** The first function called in {@code expression}, for messages; or null. */
    static String firstCall(List<SqlToken> expression) {
        for (int i = 0; i + 1 < expression.size(); i++) {
            if (expression.get(i).isIdentifier() && expression.get(i + 1).isSymbol("(")) {
                return expression.get(i).name() + "()";
            }
        }
        return null;
    }
}
