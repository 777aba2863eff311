package dev.zdd.hasher.refs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code //# sourceMappingURL=} comment of a JavaScript file. Only the last one counts, as in browsers;
 * the rest of the script is not parsed.
 */
public final class SourceMapCommentReferences implements ReferenceExtractor {
    private static final Pattern COMMENT = Pattern.compile(
            "//[#@][ \\t]*sourceMappingURL=([^\\s'\"]+)[ \\t]*(?=\\r?\\n|\\r|$)");
    /** Bundlers put the comment at the end; looking only there keeps big bundles cheap. */
    private static final int TAIL = 4096;

    @Override
    public void extract(String js, ReferenceSink sink) {
        int from = Math.max(0, js.length() - TAIL);
        Matcher m = COMMENT.matcher(js);
        m.region(from, js.length());
        int start = -1;
        int end = -1;
        int urlStart = -1;
        int urlEnd = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
            urlStart = m.start(1);
            urlEnd = m.end(1);
        }
        if (start >= 0) {
            sink.add(ReferenceKind.SOURCE_MAP, js.substring(urlStart, urlEnd), new TextRange(urlStart, urlEnd),
                    UrlEncoder.VERBATIM, new TextRange(start, end));
        }
    }
}
