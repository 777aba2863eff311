package dev.zdd.hasher.refs;

import dev.zdd.hasher.refs.CssTokenizer.Token;
import dev.zdd.hasher.refs.CssTokenizer.Type;

import java.util.ArrayDeque;
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

    @Override
    public void extract(String css, ReferenceSink sink) {
        List<Token> tokens = CssTokenizer.tokenize(css);
        // Browsers use the last source-map comment only; find it first so references come out in text order.
        int sourceMapComment = lastSourceMapComment(css, tokens);
        Deque<OpenBlock> blocks = new ArrayDeque<>();
        boolean afterImport = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.type() == Type.WHITESPACE || token.type() == Type.COMMENT) {
                if (i == sourceMapComment) {
                    reportSourceMap(css, token, sink);
                }
                continue;
            }
            // @import takes its URL from the very next token (comments and whitespace aside).
            ReferenceKind kind = afterImport ? ReferenceKind.CSS_IMPORT : ReferenceKind.CSS_URL;
            afterImport = false;
            switch (token.type()) {
                case AT_KEYWORD -> afterImport = CssTokenizer.nameIs(token.value(), "import");
                case URL -> report(sink, kind, token, CssEncoders.unquotedUrl());
                case STRING -> {
                    // A string is a URL only right after @import or as an argument of image-set().
                    boolean inImageSet = !blocks.isEmpty() && blocks.peek().imageSet();
                    if (kind == ReferenceKind.CSS_IMPORT || inImageSet) {
                        reportString(css, sink, kind, token);
                    }
                }
                case FUNCTION -> {
                    blocks.push(new OpenBlock(Type.RIGHT_PAREN, isImageSet(token.value())));
                    if (isUrlFunction(token.value())) {
                        // url("x") and src("x"). The string comes next in the loop too, but its block is this
                        // function, not image-set(), so it is not reported twice.
                        Token argument = nextSignificant(tokens, i + 1);
                        if (argument != null && argument.type() == Type.STRING) {
                            reportString(css, sink, kind, argument);
                        }
                    }
                }
                case LEFT_PAREN -> blocks.push(new OpenBlock(Type.RIGHT_PAREN, false));
                case LEFT_BRACKET -> blocks.push(new OpenBlock(Type.RIGHT_BRACKET, false));
                case LEFT_BRACE -> blocks.push(new OpenBlock(Type.RIGHT_BRACE, false));
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> {
                    // A closer that does not match the innermost block is an ordinary token inside it (5.4.8).
                    if (!blocks.isEmpty() && blocks.peek().closer() == token.type()) {
                        blocks.pop();
                    }
                }
                default -> {
                }
            }
        }
    }

    private static boolean isUrlFunction(String name) {
        return CssTokenizer.nameIs(name, "url") || CssTokenizer.nameIs(name, "src");
    }

    private static boolean isImageSet(String name) {
        return CssTokenizer.nameIs(name, "image-set") || CssTokenizer.nameIs(name, "-webkit-image-set");
    }

    private static Token nextSignificant(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            Type type = tokens.get(i).type();
            if (type != Type.WHITESPACE && type != Type.COMMENT) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private static void reportString(String css, ReferenceSink sink, ReferenceKind kind, Token string) {
        report(sink, kind, string, CssEncoders.quoted(css.charAt(string.start())));
    }

    private static void report(ReferenceSink sink, ReferenceKind kind, Token token, UrlEncoder encoder) {
        if (!token.value().isEmpty()) {
            sink.add(kind, token.value(), token.valueRange(), encoder);
        }
    }

    private static int lastSourceMapComment(String css, List<Token> tokens) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token token = tokens.get(i);
            if (token.type() == Type.COMMENT && sourceMapUrl(css, token) != null) {
                return i;
            }
        }
        return -1;
    }

    private static void reportSourceMap(String css, Token comment, ReferenceSink sink) {
        TextRange url = sourceMapUrl(css, comment);
        sink.add(ReferenceKind.SOURCE_MAP, css.substring(url.start(), url.end()), url, UrlEncoder.VERBATIM,
                comment.range());
    }

    /**
     * Where the URL is in {@code /*# sourceMappingURL=url *}{@code /} (or {@code /*@}), or null if the comment
     * is not one. Whitespace is allowed around each part; anything else after the URL means it is not one.
     */
    private static TextRange sourceMapUrl(String css, Token comment) {
        int end = comment.valueEnd();
        int i = skipWhitespace(css, comment.valueStart(), end);
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
