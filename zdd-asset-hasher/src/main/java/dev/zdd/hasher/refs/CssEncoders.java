package dev.zdd.hasher.refs;

/**
 * Escapes a URL for the CSS construct it was read from, so that {@link CssTokenizer} reads it back unchanged.
 * Hex escapes always end with a space: the space belongs to the escape, and it keeps a following hex digit out
 * of the escape.
 */
final class CssEncoders {
    private CssEncoders() {
    }

    /** For the contents of a {@code "..."} string. */
    static UrlEncoder doubleQuoted() {
        return url -> escapeString(url, '"');
    }

    /** For the contents of a {@code '...'} string. */
    static UrlEncoder singleQuoted() {
        return url -> escapeString(url, '\'');
    }

    /** For a string quoted with {@code quote}, {@code '"'} or {@code '\''}. */
    static UrlEncoder quoted(char quote) {
        return quote == '\'' ? singleQuoted() : doubleQuoted();
    }

    /** For the inside of an unquoted {@code url(...)}. */
    static UrlEncoder unquotedUrl() {
        return CssEncoders::escapeUnquotedUrl;
    }

    private static String escapeString(String url, char quote) {
        StringBuilder out = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            String escape = null;
            if (c == '\\' || c == quote) {
                escape = "\\" + c;
            } else if (c == '\n' || c == '\r' || c == '\f') {
                // A raw newline would end the string as a bad string.
                escape = hexEscape(c);
            }
            out = appendEscaped(out, url, i, c, escape);
        }
        return out == null ? url : out.toString();
    }

    private static String escapeUnquotedUrl(String url) {
        StringBuilder out = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            String escape = null;
            if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\') {
                // Each would end the url or make it a bad url; a backslash keeps the character readable.
                escape = "\\" + c;
            } else if (c < 0x20 || c == 0x7F) {
                // Tab, newlines and other control characters: a hex escape is the only form that survives.
                escape = hexEscape(c);
            }
            out = appendEscaped(out, url, i, c, escape);
        }
        return out == null ? url : out.toString();
    }

    /** Copies lazily, so a URL that needs no escape (nearly all) is returned without a copy. */
    private static StringBuilder appendEscaped(StringBuilder out, String url, int i, char c, String escape) {
        if (escape == null) {
            if (out != null) {
                out.append(c);
            }
            return out;
        }
        if (out == null) {
            out = new StringBuilder(url.length() + 8).append(url, 0, i);
        }
        return out.append(escape);
    }

    private static String hexEscape(char c) {
        return "\\" + Integer.toHexString(c) + " ";
    }
}
