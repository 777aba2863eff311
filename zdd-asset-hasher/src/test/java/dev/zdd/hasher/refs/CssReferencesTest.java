package dev.zdd.hasher.refs;

import dev.zdd.hasher.refs.CssTokenizer.Token;
import dev.zdd.hasher.refs.CssTokenizer.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CssReferencesTest {

    private static List<Reference> extract(String css) {
        ReferenceSink sink = new ReferenceSink("a.css", css);
        new CssReferences().extract(css, sink);
        return sink.references();
    }

    /**
     * Each reference as {@code KIND url @ raw}, where raw is the text its range covers: the exact characters a
     * rewrite replaces.
     */
    private static List<String> found(String css) {
        return extract(css).stream()
                .map(r -> r.kind() + " " + r.url() + " @ " + css.substring(r.range().start(), r.range().end()))
                .toList();
    }

    @Test
    void fontFaceSourcesAreFoundWithTheirQueryAndFragment() {
        String css = """
                @font-face {
                  font-family: "Icons";
                  src: url('font.eot');
                  src: url('font.eot?#iefix') format('embedded-opentype'),
                       url(font.woff2) format("woff2"),
                       url("sprite.svg#icon") format("svg");
                  font-display: swap;
                }
                """;
        assertEquals(List.of(
                "CSS_URL font.eot @ font.eot",
                "CSS_URL font.eot?#iefix @ font.eot?#iefix",
                "CSS_URL font.woff2 @ font.woff2",
                "CSS_URL sprite.svg#icon @ sprite.svg#icon"), found(css));
    }

    @Test
    void everyUrlIsReportedAsWrittenFilteringIsLeftToCallers() {
        String css = ".a{background:url(https://cdn.example.com/x.png)}"
                + ".b{background:url(data:image/png;base64,iVBORw0KGgo=)}"
                + ".c{fill:url(#gradient)}"
                + ".d{background:url(//example.com/y.png)}";
        assertEquals(List.of(
                "CSS_URL https://cdn.example.com/x.png @ https://cdn.example.com/x.png",
                "CSS_URL data:image/png;base64,iVBORw0KGgo= @ data:image/png;base64,iVBORw0KGgo=",
                "CSS_URL #gradient @ #gradient",
                "CSS_URL //example.com/y.png @ //example.com/y.png"), found(css));
    }

    @Test
    void escapesAreDecodedAndRangesCoverTheEscapedText() {
        String css = ".a{background:url(my\\ file.png)}\n"
                + ".b{background:url(\\66 oo.png)}\n"
                + ".c{background:url(\"q\\\"uote.png\")}\n"
                + ".d{background:url('\\26 amp.png')}\n";
        assertEquals(List.of(
                "CSS_URL my file.png @ my\\ file.png",
                "CSS_URL foo.png @ \\66 oo.png",
                "CSS_URL q\"uote.png @ q\\\"uote.png",
                "CSS_URL &amp.png @ \\26 amp.png"), found(css));
    }

    @Test
    void urlInCommentIsNotReported() {
        String css = """
                /* .old { background: url(old.png) } @import "old.css"; */
                .new { background: url(new.png) }
                /* unterminated url(never.png)""";
        assertEquals(List.of("CSS_URL new.png @ new.png"), found(css));
    }

    @Test
    void svgDataUriWithNestedUrlIsReportedOnceAsTheDataUri() {
        String dataUri = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><defs>"
                + "<linearGradient id='grad'/></defs><rect fill='url(%23grad)'/><circle fill='url(#grad)'/></svg>";
        String css = ".logo{background-image:url(\"" + dataUri + "\")}";
        assertEquals(List.of("CSS_URL " + dataUri + " @ " + dataUri), found(css));
    }

    @Test
    void importsInEveryForm() {
        String css = """
                @charset "utf-8";
                @import "a.css";
                @import url(b.css) screen;
                @import url("c.css") layer(base);
                @IMPORT 'd.css' supports(display: grid);
                @import /* why not */ "e.css";
                @namespace svg "http://www.w3.org/2000/svg";
                .x { background: url(x.png) }
                """;
        assertEquals(List.of(
                "CSS_IMPORT a.css @ a.css",
                "CSS_IMPORT b.css @ b.css",
                "CSS_IMPORT c.css @ c.css",
                "CSS_IMPORT d.css @ d.css",
                "CSS_IMPORT e.css @ e.css",
                "CSS_URL x.png @ x.png"), found(css));
    }

    @Test
    void imageSetStringsAreUrlsOtherStringsAreNot() {
        String css = """
                .a { background-image: image-set("a.png" 1x, "b.png" 2x); }
                .b { background-image: -webkit-image-set(url(c.png) 1x, url("d.png") 2x, "e.png" 3x); }
                .c { background-image: image-set("f.avif" type("image/avif"), 'g.jpg' type('image/jpeg')); }
                .d { background-image: image-set(linear-gradient(red, blue) 1x, "h.png" 2x) "not-after.png"; }
                .e { background: var(--bg, IMAGE-SET("i.png" 1x)); }
                .f { content: "not-content.png"; font-family: "Not Font"; }
                """;
        assertEquals(List.of(
                "CSS_URL a.png @ a.png",
                "CSS_URL b.png @ b.png",
                "CSS_URL c.png @ c.png",
                "CSS_URL d.png @ d.png",
                "CSS_URL e.png @ e.png",
                "CSS_URL f.avif @ f.avif",
                "CSS_URL g.jpg @ g.jpg",
                "CSS_URL h.png @ h.png",
                "CSS_URL i.png @ i.png"), found(css));
    }

    @Test
    void urlAndSrcFunctionsIgnoreCase() {
        String css = ".a{background:URL(A.PNG)} .b{background:Url( \"B.png\" )} "
                + "@font-face{src:SRC(\"c.woff\"), src('d.woff2')}";
        assertEquals(List.of(
                "CSS_URL A.PNG @ A.PNG",
                "CSS_URL B.png @ B.png",
                "CSS_URL c.woff @ c.woff",
                "CSS_URL d.woff2 @ d.woff2"), found(css));
    }

    @Test
    void linesAndColumnsWithCrLfLineEndings() {
        String css = ".a {\r\n  background: url(a.png);\r\n}\r\n.b {\r\n  background: url(\"b.png\");\r\n}\r\n";
        List<Reference> references = extract(css);
        assertEquals(2, references.size());
        assertEquals("a.css:2:19", references.get(0).location());
        assertEquals("a.css:5:20", references.get(1).location());
        assertEquals(5, references.get(1).line());
        assertEquals(20, references.get(1).column());
    }

    @Test
    void lastSourceMapCommentIsReportedWithTheWholeCommentRemovable() {
        String sourceMap = "/*# sourceMappingURL=main.css.map */";
        String css = "a{}\n/*# sourceMappingURL=old.css.map */\nb{background:url(b.png)}\n" + sourceMap + "\n";
        List<Reference> references = extract(css);
        assertEquals(List.of(
                "CSS_URL b.png @ b.png",
                "SOURCE_MAP main.css.map @ main.css.map"), found(css));
        Reference reference = references.get(1);
        TextRange removable = reference.removable();
        assertEquals(sourceMap, css.substring(removable.start(), removable.end()));
        assertEquals("x y\"'", reference.encoder().encode("x y\"'"));
        assertNull(references.get(0).removable());
    }

    @Test
    void sourceMapCommentFormsAreWhitespaceTolerant() {
        assertEquals(List.of("SOURCE_MAP a.map @ a.map"), found("/*@ sourceMappingURL=a.map*/"));
        assertEquals(List.of("SOURCE_MAP b.map @ b.map"), found("/*#sourceMappingURL=b.map */"));
        assertEquals(List.of("SOURCE_MAP c.map @ c.map"), found("/*\n  #  sourceMappingURL = c.map\n*/"));
        assertEquals(List.of("SOURCE_MAP data:application/json;base64,e30= @ data:application/json;base64,e30="),
                found("x{}/*# sourceMappingURL=data:application/json;base64,e30= */"));
    }

    @Test
    void commentsThatAreNotSourceMapCommentsAreIgnored() {
        assertEquals(List.of(), found("/* sourceMappingURL=a.map */"));
        assertEquals(List.of(), found("/*# sourceMappingURL= */"));
        assertEquals(List.of(), found("/*# sourceMappingURL=a.map b.map */"));
        assertEquals(List.of(), found("/*# sourceMappingUrl=a.map */"));
        assertEquals(List.of(), found("/*# sourceMapping*/URL=a.map"));
        // The last source-map comment wins even when an ordinary comment follows it.
        assertEquals(List.of("SOURCE_MAP a.map @ a.map"), found("/*# sourceMappingURL=a.map */\n/* end */"));
    }

    @Test
    void referencesComeOutInTextOrderWhenTheSourceMapCommentIsNotLast() {
        String css = "/*# sourceMappingURL=a.map */ .x{background:url(x.png)}";
        assertEquals(List.of("SOURCE_MAP a.map @ a.map", "CSS_URL x.png @ x.png"), found(css));
    }

    @Test
    void emptyUrlsAreNotReported() {
        String css = ".a{background:url()} .b{background:url( )} .c{background:url(\"\")} .d{background:url('')}"
                + "@import \"\"; .e{background:image-set(\"\" 1x)}";
        assertEquals(List.of(), found(css));
    }

    @Test
    void badUrlsAndBadStringsAreSkippedAndReadingGoesOn() {
        String css = ".a{background:url(a b.png)}\n"
                + ".b{background:url(\"unterminated\n)}\n"
                + "@import \"bad\n;\n"
                + ".c{background:url(a'b.png)}\n"
                + ".ok{background:url(ok.png)}\n";
        assertEquals(List.of("CSS_URL ok.png @ ok.png"), found(css));
    }

    @Test
    void eachReferenceGetsTheEncoderOfItsQuoting() {
        String css = "a{b:url(\"x.png\");c:url('y.png');d:url(z.png)}@import 'i.css';";
        List<Reference> references = extract(css);
        String nasty = "a\"b'c d(e)\\f";
        assertEquals("a\\\"b'c d(e)\\\\f", references.get(0).encoder().encode(nasty));
        assertEquals("a\"b\\'c d(e)\\\\f", references.get(1).encoder().encode(nasty));
        assertEquals("a\\\"b\\'c\\ d\\(e\\)\\\\f", references.get(2).encoder().encode(nasty));
        assertEquals("a\"b\\'c d(e)\\\\f", references.get(3).encoder().encode(nasty));
    }

    @Test
    void encodersLeavePlainUrlsAlone() {
        String url = "/assets/app.3f2a9c1b.css?v=1#top";
        assertEquals(url, CssEncoders.doubleQuoted().encode(url));
        assertEquals(url, CssEncoders.singleQuoted().encode(url));
        assertEquals(url, CssEncoders.unquotedUrl().encode(url));
    }

    @Test
    void encodedUrlsTokenizeBackToTheSameValue() {
        List<String> urls = List.of("plain.png", "my file.png", "a\"b'c.png", "back\\slash", "(paren)",
                "line\nfeed", "crlf\r\nx", "form\ffeed", "tab\tx", "bell\u0007x", "del\u007Fx", "\na-hex-after",
                "caf\u00e9 \uD83D\uDE00.png", "url(#a)", "/*not a comment*/", "\\66 oo", "end\\");
        for (String url : urls) {
            assertEquals(url, only("url(" + CssEncoders.unquotedUrl().encode(url) + ")", Type.URL).value());
            assertEquals(url, only("\"" + CssEncoders.doubleQuoted().encode(url) + "\"", Type.STRING).value());
            assertEquals(url, only("'" + CssEncoders.singleQuoted().encode(url) + "'", Type.STRING).value());
        }
    }

    @Test
    void encodedUrlsAreExtractedBackUnchanged() {
        String url = "my (new) \"file\".png";
        String css = ".a{background:url(" + CssEncoders.unquotedUrl().encode(url) + ")}"
                + ".b{background:url('" + CssEncoders.singleQuoted().encode(url) + "')}";
        List<Reference> references = extract(css);
        assertEquals(2, references.size());
        for (Reference reference : references) {
            assertEquals(url, reference.url());
        }
    }

    @Test
    void styleAttributeCssReportsPositionsInTheEnclosingFile() {
        String html = "<p>\n<div style=\"background:url(a.png)\">";
        int styleStart = html.indexOf("background");
        String style = "background:url(a.png)";
        ReferenceSink sink = new ReferenceSink("index.html", html);
        new CssReferences().extract(style, sink.nested(OffsetMap.shift(styleStart), UrlEncoder.VERBATIM));
        Reference reference = sink.references().get(0);
        assertEquals("a.png", html.substring(reference.range().start(), reference.range().end()));
        assertEquals("index.html:2:28", reference.location());
    }

    @Test
    void rangesAlwaysCoverTheRawTextOfRealWorldCss() {
        String css = """
                @charset "utf-8";\r
                @import url("reset.css");\r
                :root { --hero: url( "img/hero.jpg" ); }\r
                @font-face { font-family: X; src: url(fonts/x.woff2?v=2) format("woff2"), url('fonts/x.woff'); }\r
                .icon { mask: url(icons.svg#close) no-repeat; background: image-set("i.png" 1x, 'i@2x.png' 2x); }\r
                /*# sourceMappingURL=site.css.map */\r
                """;
        List<Reference> references = extract(css);
        assertEquals(8, references.size());
        for (Reference reference : references) {
            String raw = css.substring(reference.range().start(), reference.range().end());
            assertEquals(reference.url(), raw, () -> "raw text of " + reference);
            assertTrue(reference.line() >= 2 && reference.column() > 1, reference::location);
        }
    }

    private static Token only(String css, Type type) {
        List<Token> tokens = CssTokenizer.tokenize(css);
        assertEquals(1, tokens.size(), () -> "tokens of " + css + ": " + tokens);
        assertEquals(type, tokens.get(0).type(), css);
        return tokens.get(0);
    }
}
