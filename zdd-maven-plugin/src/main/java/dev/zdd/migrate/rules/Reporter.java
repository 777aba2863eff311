package dev.zdd.migrate.rules;

import dev.zdd.migrate.SqlToken;
import dev.zdd.migrate.Statement;

/** Where a rule reports what it found; the linter adds the file, the rule and applies suppressions. */
public interface Reporter {
    /**
     * @param statement the statement it concerns (its suppression comments apply)
     * @param at        the token to point at
     * @param message   what is wrong
     * @param hint      what to do instead
     */
    void report(Statement statement, SqlToken at, String message, String hint);
}
