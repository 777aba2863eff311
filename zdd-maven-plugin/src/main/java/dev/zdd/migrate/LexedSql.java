package dev.zdd.migrate;

import java.util.List;

/**
 * A SQL text cut into tokens and comments.
 *
 * @param tokens   every token in order, comments and white space left out
 * @param comments every comment in order
 * @param problem  what made the lexer stop before the end (an unterminated string, quoted identifier,
 *                 dollar-quoted string or comment), or null when the whole text was read
 */
public record LexedSql(String text, List<SqlToken> tokens, List<SqlComment> comments, Problem problem) {

    /** Where the unterminated construct starts, and what it is. */
    public record Problem(int line, int column, String message) {
    }
}
