package dev.zdd.hasher.refs;

/**
 * The {@code //# sourceMappingURL=} comment of a JavaScript file. Only the last one counts, as in browsers;
 * the rest of the script is not parsed.
 *
 * <p>The comment is {@code //}, {@code #} or {@code @}, spaces or tabs, {@code sourceMappingURL=}, the URL (no
 * whitespace or quote), spaces or tabs, and the end of its line. It is looked for with a hand-written scan rather
 * than a regex: every script is searched, and in a fresh JVM a regex runs interpreted.
 */
public final class SourceMapCommentReferences implements ReferenceExtractor {
    private static final String KEY = "sourceMappingURL=";
    /** Bundlers put the comment at the end; looking only there keeps big bundles cheap. */
    private static final int TAIL = 4096;

    @Override
    public void extract(String js, ReferenceSink sink) {
        int start = -1;
        int end = -1;
        int urlStart = -1;
        int urlEnd = -1;
        int at = js.indexOf("//", Math.max(0, js.length() - TAIL));
        while (at >= 0) {
            int i = at + 2;
            int n = js.length();
            if (i < n && (js.charAt(i) == '#' || js.charAt(i) == '@')) {
                i = skipBlanks(js, i + 1);
                if (js.startsWith(KEY, i)) {
                    int url = i + KEY.length();
                    int afterUrl = url;
                    while (afterUrl < n && isUrlCharacter(js.charAt(afterUrl))) {
                        afterUrl++;
                    }
                    int lineEnd = skipBlanks(js, afterUrl);
                    if (afterUrl > url && endsLine(js, lineEnd)) {
                        start = at;
                        end = lineEnd;
                        urlStart = url;
                        urlEnd = afterUrl;
                        at = js.indexOf("//", lineEnd);
                        continue;
                    }
                }
            }
            at = js.indexOf("//", at + 1);
        }
        if (start >= 0) {
            sink.add(ReferenceKind.SOURCE_MAP, js.substring(urlStart, urlEnd), new TextRange(urlStart, urlEnd),
                    UrlEncoder.VERBATIM, new TextRange(start, end));
        }
    }

    private static int skipBlanks(String js, int from) {
        int i = from;
        while (i < js.length() && (js.charAt(i) == ' ' || js.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Neither whitespace as a regex's {@code \s} means it (ASCII) nor a quote. */
    private static boolean isUrlCharacter(char c) {
        return c != ' ' && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r' && c != '\'' && c != '"';
    }

    /**
     * Whether a line ends at {@code i}: a CR or LF, the end of the text, or a last character that Java's regex
     * {@code $} takes for a line terminator (NEL, LS, PS), as the regex this scan replaced did.
     */
    private static boolean endsLine(String js, int i) {
        if (i == js.length()) {
            return true;
        }
        char c = js.charAt(i);
        return c == '\n' || c == '\r' || i == js.length() - 1 && (c == '\u0085' || c == '\u2028' || c == '\u2029');
    }
}
