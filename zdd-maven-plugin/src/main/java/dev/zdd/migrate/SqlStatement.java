package dev.zdd.migrate;

import java.util.List;

/**
 * One statement of a SQL file, without its terminating semicolon.
 *
 * @param text     the statement as written, from its first token to its last
 * @param tokens   its tokens, never empty
 * @param comments the comments between the previous statement (or the start of the file) and this one, where
 *                 suppressions are written
 */
public record SqlStatement(String text, List<SqlToken> tokens, List<SqlComment> comments) {
    public SqlToken first() {
        return tokens.get(0);
    }

    public int line() {
        return first().line();
    }

    public int column() {
        return first().column();
    }
}
