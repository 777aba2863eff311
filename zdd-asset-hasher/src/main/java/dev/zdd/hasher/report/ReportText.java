package dev.zdd.hasher.report;

/**
 * Text from a site (URLs, paths, fragments) made fit for a report: cut to a readable length, and with every
 * character that XML, JSON, HTML, UTF-8 or a terminal cannot carry faithfully (control characters, lone
 * surrogates, U+FFFE/U+FFFF) written as a visible {@code \}{@code uXXXX} escape.
 */
public final class ReportText {
    /** The most characters of one value quoted in a message. */
    public static final int QUOTE_LIMIT = 200;
    /** The most characters of a message or hint; quoted values are cut first, this only bounds the rest. */
    static final int MESSAGE_LIMIT = 2_000;

    private ReportText() {
    }

    /** {@code 'value'}, cut to {@link #QUOTE_LIMIT} characters. */
    public static String quote(String value) {
        return "'" + cut(value, QUOTE_LIMIT) + "'";
    }

    /** {@code value}, or its first {@code limit} characters, an ellipsis and its full length. */
    public static String cut(String value, int limit) {
        if (value.length() <= limit) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
        return value.substring(0, end) + "\u2026 (" + value.length() + " characters)";
    }

    /** {@code s} with each character no report format can carry escaped; line breaks and tabs too. */
    public static String printable(String s) {
        int i = 0;
        while (i < s.length() && isPrintable(s, i)) {
            i += Character.charCount(s.codePointAt(i));
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            int codePoint = s.codePointAt(i);
            if (isPrintable(s, i)) {
                out.appendCodePoint(codePoint);
            } else {
                out.append(String.format("\\u%04X", (int) s.charAt(i)));
            }
            i += isPrintable(s, i) ? Character.charCount(codePoint) : 1;
        }
        return out.toString();
    }

    private static boolean isPrintable(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c);
    }
}
