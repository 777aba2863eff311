package dev.zdd.hasher.refs;

import dev.zdd.hasher.refs.CssTokenizer.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The URLs of a style sheet: {@code url(...)}, {@code src("...")}, {@code @import}, the strings of
 * {@code image-set(...)} and the last {@code /*# sourceMappingURL=... *}{@code /} comment.
 *
 * <p>It works on tokens, not on text patterns, so {@code url(...)} inside a comment or inside a quoted data URI
 * is not mistaken for a reference. Every URL is reported as written, {@code data:} and external ones included;
 * only empty URLs, bad urls and bad strings are left out.
 */
public final class CssReferences implements ReferenceExtractor {
    private static final String SOURCE_MAP_KEY = "sourceMappingURL";

    /** A block opened by a function or a bracket, the token type that closes it, and whether it is image-set(). */
    private record OpenBlock(Type closer, boolean imageSet) {
    }

    /** A reference found, reported once the whole sheet is read (see {@link #extract}). */
    private record Found(ReferenceKind kind, String url, TextRange range, UrlEncoder encoder, TextRange removable) {
    }

    /**
     * One pass over the tokens, making a string only of the values it reports. Browsers use the last source-map
     * comment only, so a later one replaces an earlier one's place in the list; the list is reported at the end,
     * in the order the references were met.
     */
    @Override
    public void extract(String css, ReferenceSink sink) {
        CssTokenizer tokens = new CssTokenizer(css);
        List<Found> found = new ArrayList<>();
        int sourceMap = -1;
        // url("x") and src("x"): the place of the string argument, filled in when the next significant token is
        // one; -1 when no such function is waiting for its argument.
        int argument = -1;
        ReferenceKind argumentKind = null;
        Deque<OpenBlock> blocks = new ArrayDeque<>();
        boolean afterImport = false;
        for (Type type = tokens.advance(); type != Type.EOF; type = tokens.advance()) {
            if (type == Type.WHITESPACE) {
                continue;
            }
            if (type == Type.COMMENT) {
                TextRange url = sourceMapUrl(css, tokens.valueStart(), tokens.valueEnd());
                if (url != null) {
                    if (sourceMap >= 0) {
                        found.set(sourceMap, null);
                    }
                    sourceMap = found.size();
                    found.add(new Found(ReferenceKind.SOURCE_MAP, css.substring(url.start(), url.end()), url,
                            UrlEncoder.VERBATIM, new TextRange(tokens.start(), tokens.end())));
                }
                continue;
            }
            if (argument >= 0) {
                if (type == Type.STRING) {
                    found.set(argument, string(css, tokens, argumentKind));
                }
                argument = -1;
            }
            // @import takes its URL from the very next token (comments and whitespace aside).
            ReferenceKind kind = afterImport ? ReferenceKind.CSS_IMPORT : ReferenceKind.CSS_URL;
            afterImport = false;
            switch (type) {
                case AT_KEYWORD -> afterImport = tokens.valueIs("import");
                case URL -> found.add(new Found(kind, tokens.value(), new TextRange(tokens.valueStart(),
                        tokens.valueEnd()), CssEncoders.unquotedUrl(), null));
                case STRING -> {
                    // A string is a URL only right after @import or as an argument of image-set().
                    boolean inImageSet = !blocks.isEmpty() && blocks.peek().imageSet();
                    if (kind == ReferenceKind.CSS_IMPORT || inImageSet) {
                        found.add(string(css, tokens, kind));
                    }
                }
                case FUNCTION -> {
                    blocks.push(new OpenBlock(Type.RIGHT_PAREN, tokens.valueIs("image-set")
                            || tokens.valueIs("-webkit-image-set")));
                    if (tokens.valueIs("url") || tokens.valueIs("src")) {
                        // The string comes next in the loop too, but its block is this function, not
                        // image-set(), so it is not reported twice.
                        argument = found.size();
                        argumentKind = kind;
                        found.add(null);
                    }
                }
                case LEFT_PAREN -> blocks.push(new OpenBlock(Type.RIGHT_PAREN, false));
                case LEFT_BRACKET -> blocks.push(new OpenBlock(Type.RIGHT_BRACKET, false));
                case LEFT_BRACE -> blocks.push(new OpenBlock(Type.RIGHT_BRACE, false));
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> {
                    // A closer that does not match the innermost block is an ordinary token inside it (5.4.8).
                    if (!blocks.isEmpty() && blocks.peek().closer() == type) {
                        blocks.pop();
                    }
                }
                default -> {
                }
            }
        }
        for (Found f : found) {
            // Empty URLs are left out.
            if (f != null && !f.url().isEmpty()) {
                sink.add(f.kind(), f.url(), f.range(), f.encoder(), f.removable());
            }
        }
    }

    private static Found string(String css, CssTokenizer string, ReferenceKind kind) {
        return new Found(kind, string.value(), new TextRange(string.valueStart(), string.valueEnd()),
                CssEncoders.quoted(css.charAt(string.start())), null);
    }

    /**
     * Where the URL is in {@code /*# sourceMappingURL=url *}{@code /} (or {@code /*@}), or null if the comment
     * is not one. Whitespace is allowed around each part; anything else after the URL means it is not one.
     */
    private static TextRange sourceMapUrl(String css, int valueStart, int end) {
        int i = skipWhitespace(css, valueStart, end);
        if (i == end || (css.charAt(i) != '#' && css.charAt(i) != '@')) {
            return null;
        }
        i = skipWhitespace(css, i + 1, end);
        if (i + SOURCE_MAP_KEY.length() > end || !css.startsWith(SOURCE_MAP_KEY, i)) {
            return null;
        }
        i = skipWhitespace(css, i + SOURCE_MAP_KEY.length(), end);
        if (i == end || css.charAt(i) != '=') {
            return null;
        }
        int urlStart = skipWhitespace(css, i + 1, end);
        int urlEnd = urlStart;
        while (urlEnd < end && !isWhitespace(css.charAt(urlEnd)) && css.charAt(urlEnd) != '"'
                && css.charAt(urlEnd) != '\'') {
            urlEnd++;
        }
        if (urlEnd == urlStart || skipWhitespace(css, urlEnd, end) != end) {
            return null;
        }
        return new TextRange(urlStart, urlEnd);
    }

    private static int skipWhitespace(String css, int from, int end) {
        int i = from;
        while (i < end && isWhitespace(css.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
