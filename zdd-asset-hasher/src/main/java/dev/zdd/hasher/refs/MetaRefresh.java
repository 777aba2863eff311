package dev.zdd.hasher.refs;

/** Finds the URL in a {@code <meta http-equiv=refresh content="5; url='next.html'">} value. */
final class MetaRefresh {
    private MetaRefresh() {
    }

    /** The URL's range in {@code content}, or null when it names none. */
    static TextRange url(String content) {
        int i = content.indexOf(';');
        if (i < 0) {
            i = content.indexOf(',');
        }
        if (i < 0) {
            return null;
        }
        i = skipSpace(content, i + 1);
        if (content.regionMatches(true, i, "url", 0, 3)) {
            int afterUrl = skipSpace(content, i + 3);
            if (afterUrl < content.length() && content.charAt(afterUrl) == '=') {
                i = skipSpace(content, afterUrl + 1);
            }
        }
        int end = content.length();
        if (i < end && (content.charAt(i) == '\'' || content.charAt(i) == '"')) {
            int close = content.indexOf(content.charAt(i), i + 1);
            end = close < 0 ? end : close;
            i++;
        }
        while (end > i && Character.isWhitespace(content.charAt(end - 1))) {
            end--;
        }
        return end > i ? new TextRange(i, end) : null;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
