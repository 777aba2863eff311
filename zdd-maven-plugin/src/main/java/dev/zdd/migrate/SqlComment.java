package dev.zdd.migrate;

/**
 * A comment in SQL: {@code -- to the end of the line} or a (possibly nested) block comment.
 *
 * @param text    the comment as written, markers included
 * @param offset  character offset of its first character
 * @param line    1-based line where it starts
 * @param column  1-based column where it starts
 * @param endLine line of its last character
 */
public record SqlComment(String text, int offset, int line, int column, int endLine) {
    public boolean isLineComment() {
        return text.startsWith("--");
    }

    /** The text without its markers, trimmed. */
    public String body() {
        String body = isLineComment() ? text.substring(2)
                : text.substring(2, Math.max(2, text.length() - (text.endsWith("*/") ? 2 : 0)));
        return body.strip();
    }
}
