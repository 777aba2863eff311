package dev.zdd.hasher.refs;

import dev.zdd.hasher.refs.CssTokenizer.Token;
import dev.zdd.hasher.refs.CssTokenizer.Type;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CssTokenizerTest {

    private static List<Type> types(String css) {
        return CssTokenizer.tokenize(css).stream().map(Token::type).toList();
    }

    private static Token only(String css) {
        List<Token> tokens = CssTokenizer.tokenize(css);
        assertEquals(1, tokens.size(), () -> "tokens of " + css + ": " + tokens);
        return tokens.get(0);
    }

    private static String rawValue(String css, Token token) {
        return css.substring(token.valueStart(), token.valueEnd());
    }

    /** Tokens are contiguous and cover the whole text, whatever it contains. */
    private static void assertCovers(String css) {
        int offset = 0;
        for (Token token : CssTokenizer.tokenize(css)) {
            assertEquals(offset, token.start(), () -> "gap or overlap before " + token);
            offset = token.end();
        }
        assertEquals(css.length(), offset);
    }

    @Test
    void ruleSplitsIntoPunctuationIdentsAndWhitespace() {
        assertEquals(List.of(Type.IDENT, Type.WHITESPACE, Type.LEFT_BRACE, Type.IDENT, Type.COLON, Type.WHITESPACE,
                        Type.IDENT, Type.SEMICOLON, Type.RIGHT_BRACE),
                types("a {color: red;}"));
        assertEquals(List.of(Type.LEFT_BRACKET, Type.IDENT, Type.DELIM, Type.DELIM, Type.STRING, Type.RIGHT_BRACKET,
                        Type.COMMA, Type.LEFT_PAREN, Type.RIGHT_PAREN, Type.CDO, Type.CDC),
                types("[href^=\"x\"],()<!---->"));
    }

    @Test
    void whitespaceRunIsOneTokenAcrossCrLfAndFormFeed() {
        Token token = only(" \t\r\n\f\r ");
        assertEquals(Type.WHITESPACE, token.type());
        assertEquals(" \t\r\n\f\r ", token.value());
    }

    @Test
    void stringValueIsDecodedAndItsRangeExcludesTheQuotes() {
        String css = "'a\\'b\\\\c\\22 d'";
        Token token = only(css);
        assertEquals(Type.STRING, token.type());
        assertEquals("a'b\\c\"d", token.value());
        assertEquals("a\\'b\\\\c\\22 d", rawValue(css, token));
        assertEquals(new TextRange(0, css.length()), token.range());
    }

    @Test
    void escapedNewlineContinuesTheString() {
        assertEquals("ab", only("\"a\\\nb\"").value());
        assertEquals("ab", only("\"a\\\r\nb\"").value());
        assertEquals("ab", only("\"a\\\fb\"").value());
    }

    @Test
    void newlineInStringMakesABadStringAndIsLeftAsWhitespace() {
        for (String newline : List.of("\n", "\r\n", "\r", "\f")) {
            String css = "\"abc" + newline + "x";
            List<Token> tokens = CssTokenizer.tokenize(css);
            assertEquals(List.of(Type.BAD_STRING, Type.WHITESPACE, Type.IDENT),
                    tokens.stream().map(Token::type).toList());
            assertEquals("abc", tokens.get(0).value());
            assertEquals(newline, tokens.get(1).value());
        }
    }

    @Test
    void unterminatedStringEndsAtEndOfText() {
        String css = "'abc\\";
        Token token = only(css);
        assertEquals(Type.STRING, token.type());
        assertEquals("abc", token.value());
        assertEquals("abc\\", rawValue(css, token));
    }

    @Test
    void unquotedUrlValueExcludesUrlParenAndSurroundingWhitespace() {
        String css = "url(  img/a.png \t)";
        Token token = only(css);
        assertEquals(Type.URL, token.type());
        assertEquals("img/a.png", token.value());
        assertEquals("img/a.png", rawValue(css, token));
        assertEquals(css.length(), token.end());
    }

    @Test
    void urlEscapesAreDecoded() {
        String css = "url(my\\ file.png)";
        Token token = only(css);
        assertEquals("my file.png", token.value());
        assertEquals("my\\ file.png", rawValue(css, token));

        assertEquals("foo.png", only("url(\\66 oo.png)").value());
        assertEquals("foo.png", only("url(\\000066oo.png)").value());
        assertEquals("a(b).png", only("url(a\\(b\\).png)").value());
    }

    @Test
    void hexEscapeConsumesOneWhitespaceCrLfIncluded() {
        assertEquals("foo", only("\\66\r\noo").value());
        assertEquals("&b", only("'\\26 b'").value());
        List<Token> tokens = CssTokenizer.tokenize("\\66  oo");
        assertEquals(List.of(Type.IDENT, Type.WHITESPACE, Type.IDENT), tokens.stream().map(Token::type).toList());
        assertEquals("f", tokens.get(0).value());
        assertEquals(" ", tokens.get(1).value());
    }

    @Test
    void hexEscapeThatEndsAUrlKeepsItsSpaceInTheRawValue() {
        String css = "url(\\66 )";
        Token token = only(css);
        assertEquals("f", token.value());
        assertEquals("\\66 ", rawValue(css, token));
    }

    @Test
    void invalidCodePointsDecodeToReplacementCharacter() {
        assertEquals("a\uFFFDb", only("a\\0 b").value());
        assertEquals("\uFFFD", only("\\d800").value());
        assertEquals("\uFFFD", only("\\110000").value());
        assertEquals("a\uFFFD", only("a\\").value());
        assertEquals("a\uFFFDb", only("a\u0000b").value());
        assertEquals("\uD83D\uDE00", only("\\1F600").value());
        assertEquals("x\uD83D\uDE00y", only("x\\\uD83D\uDE00y").value());
    }

    @Test
    void urlFollowedByQuoteIsAFunctionThenAString() {
        String css = "url( \"a b.png\" )";
        List<Token> tokens = CssTokenizer.tokenize(css);
        assertEquals(List.of(Type.FUNCTION, Type.WHITESPACE, Type.STRING, Type.WHITESPACE, Type.RIGHT_PAREN),
                tokens.stream().map(Token::type).toList());
        assertEquals("url", tokens.get(0).value());
        assertEquals("a b.png", tokens.get(2).value());
        assertEquals("a b.png", rawValue(css, tokens.get(2)));

        assertEquals(List.of(Type.FUNCTION, Type.WHITESPACE, Type.STRING, Type.RIGHT_PAREN),
                types("url(\r\n\r\n'x')"));
        assertEquals(List.of(Type.FUNCTION, Type.STRING, Type.RIGHT_PAREN), types("URL('x')"));
    }

    @Test
    void urlNameIsMatchedAfterDecodingAndIgnoringAsciiCase() {
        assertEquals(Type.URL, only("u\\72l(x)").type());
        assertEquals(Type.URL, only("UrL(x)").type());
        assertEquals("x", only("UrL(x)").value());
    }

    @Test
    void badUrlSwallowsUpToTheClosingParenAndTokenizingGoesOn() {
        for (String bad : List.of("url(a b)", "url(a\"b)", "url(a'b)", "url(a(b)", "url(a\u0001b)",
                "url(a\\\nb)", "url(a b\\) c)")) {
            List<Token> tokens = CssTokenizer.tokenize(bad + ";x");
            assertEquals(List.of(Type.BAD_URL, Type.SEMICOLON, Type.IDENT),
                    tokens.stream().map(Token::type).toList(), bad);
            assertEquals(bad.length(), tokens.get(0).end(), bad);
        }
        assertEquals(Type.BAD_URL, only("url(a b").type());
    }

    @Test
    void unterminatedUrlEndsAtEndOfText() {
        String css = "url( a.png  ";
        Token token = only(css);
        assertEquals(Type.URL, token.type());
        assertEquals("a.png", token.value());
        assertEquals("a.png", rawValue(css, token));
    }

    @Test
    void functionAtKeywordAndHashValuesAreTheirNames() {
        String css = "image-set(@media #main #1a2b3c";
        List<Token> tokens = CssTokenizer.tokenize(css);
        assertEquals(List.of(Type.FUNCTION, Type.AT_KEYWORD, Type.WHITESPACE, Type.HASH, Type.WHITESPACE, Type.HASH),
                tokens.stream().map(Token::type).toList());
        assertEquals("image-set", tokens.get(0).value());
        assertEquals("image-set", rawValue(css, tokens.get(0)));
        assertEquals("media", tokens.get(1).value());
        assertEquals("main", tokens.get(3).value());
        assertEquals("1a2b3c", tokens.get(5).value());
        assertEquals("1a2b3c", rawValue(css, tokens.get(5)));
    }

    @Test
    void loneSignsAndSymbolsAreDelims() {
        assertEquals(List.of(Type.DELIM, Type.WHITESPACE, Type.DELIM, Type.WHITESPACE, Type.DELIM, Type.WHITESPACE,
                Type.DELIM, Type.WHITESPACE, Type.DELIM, Type.WHITESPACE, Type.DELIM, Type.WHITESPACE),
                types("# @ - . > \\\n"));
        assertEquals("\\", CssTokenizer.tokenize("\\\n").get(0).value());
    }

    @Test
    void identsMayStartWithDashesOrEscapes() {
        assertEquals(Type.IDENT, only("--custom-prop").type());
        assertEquals(Type.IDENT, only("-webkit-box").type());
        assertEquals(Type.IDENT, only("_x").type());
        assertEquals(Type.IDENT, only("\u00e9t\u00e9").type());
        assertEquals("-x", only("-\\78").value());
    }

    @Test
    void numbersPercentagesAndDimensions() {
        String css = "12 +.5 -1e3 1.5em 50% 1e3px 2E+2 3e";
        List<Token> tokens = CssTokenizer.tokenize(css).stream()
                .filter(t -> t.type() != Type.WHITESPACE).toList();
        assertEquals(List.of(Type.NUMBER, Type.NUMBER, Type.NUMBER, Type.DIMENSION, Type.PERCENTAGE,
                Type.DIMENSION, Type.NUMBER, Type.DIMENSION), tokens.stream().map(Token::type).toList());
        assertEquals(List.of("12", "+.5", "-1e3", "em", "50", "px", "2E+2", "e"),
                tokens.stream().map(Token::value).toList());
        assertEquals("1.5em", css.substring(tokens.get(3).start(), tokens.get(3).end()));
        assertEquals("em", rawValue(css, tokens.get(3)));
        assertEquals("1e3", css.substring(tokens.get(5).start(), tokens.get(5).valueStart()));
    }

    @Test
    void commentsAreTokensWithTheirText() {
        String css = "a/* x */b/*# sourceMappingURL=a.css.map */";
        List<Token> tokens = CssTokenizer.tokenize(css);
        assertEquals(List.of(Type.IDENT, Type.COMMENT, Type.IDENT, Type.COMMENT),
                tokens.stream().map(Token::type).toList());
        assertEquals(" x ", tokens.get(1).value());
        assertEquals("/* x */", css.substring(tokens.get(1).start(), tokens.get(1).end()));
        assertEquals("# sourceMappingURL=a.css.map ", tokens.get(3).value());
        assertEquals(tokens.get(3).value(), rawValue(css, tokens.get(3)));
    }

    @Test
    void unterminatedCommentRunsToEndOfText() {
        Token token = only("/* never closed url(x)");
        assertEquals(Type.COMMENT, token.type());
        assertEquals(" never closed url(x)", token.value());
    }

    @Test
    void commentsAndUrlsInsideStringsStayInTheString() {
        String css = "\"data:image/svg+xml,<svg fill='url(%23a)'>/* no */</svg>\"";
        Token token = only(css);
        assertEquals(Type.STRING, token.type());
        assertEquals("data:image/svg+xml,<svg fill='url(%23a)'>/* no */</svg>", token.value());
    }

    @Test
    void tokensCoverRealWorldCss() {
        assertCovers("""
                @charset "utf-8";\r
                @import url("a.css") screen and (min-width: 40em);\r
                @font-face {\r
                  font-family: "Foo";\r
                  src: url('font.eot?#iefix') format('embedded-opentype'),\r
                       url(font.woff2) format("woff2");\r
                }\r
                .a::before { content: "\\201C"; background: image-set("a.png" 1x, "b.png" 2x) }\r
                <!-- .b { width: calc(100% - 2 * var(--gap, .5rem)) !important } -->\r
                url(bad url) "bad\r
                /*# sourceMappingURL=x.map */""");
        assertCovers("\\");
        assertCovers("url(");
        assertCovers("'");
        assertCovers("/*");
        assertCovers("#");
        assertCovers("@");
        assertCovers("a\\");
        assertCovers("url(a\\");
    }

    @Test
    void runsInLinearTimeOnPathologicalInput() {
        int copies = 200_000;
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertCovers("url(".repeat(copies));
            assertCovers("/*".repeat(copies));
            assertCovers("\"\\".repeat(copies));
            assertCovers("url(a b".repeat(copies));
            assertCovers("-".repeat(copies));
            assertCovers("((((".repeat(copies));
        });
    }
}
