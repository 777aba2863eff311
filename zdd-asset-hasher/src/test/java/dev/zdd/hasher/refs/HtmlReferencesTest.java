package dev.zdd.hasher.refs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReferencesTest {

    private static ParsedFile read(String html) {
        return new HtmlReferences().read("docs/page.html", html);
    }

    private static List<String> urls(ParsedFile parsed) {
        return parsed.references().stream().map(Reference::url).toList();
    }

    private static Reference only(ParsedFile parsed, String url) {
        List<Reference> found = parsed.references().stream().filter(r -> r.url().equals(url)).toList();
        assertEquals(1, found.size(), "references to " + url + " in " + urls(parsed));
        return found.get(0);
    }

    /** Every reported range must hold exactly what the file says there. */
    private static void assertRangesHoldRawText(ParsedFile parsed) {
        for (Reference r : parsed.references()) {
            String raw = parsed.text().substring(r.range().start(), r.range().end());
            assertEquals(r.url(), raw.replace("&amp;", "&"), "raw text at " + r.location());
        }
    }

    @Test
    void findsViteListOfResourceAttributes() {
        ParsedFile parsed = read("""
                <!doctype html><html><head>
                <link rel="stylesheet" href="a.css"><link rel=icon href="i.png"><link rel="manifest" href="m.webmanifest">
                <link rel="preload" href="f.woff2" as="font"><link rel="modulepreload" href="m.js">
                <link rel="prefetch" href="p.js"><link rel="apple-touch-icon" href="t.png">
                <link rel="preload" as="image" imagesrcset="w1.png 1x, w2.png 2x">
                <script src="s.js"></script>
                </head><body>
                <img src="img.png" srcset="s1.png 1x, s2.png 2x"><picture><source srcset="p.webp" type="image/webp"></picture>
                <video src="v.mp4" poster="poster.jpg"><track src="sub.vtt"></video><audio src="a.mp3"></audio>
                <embed src="e.swf"><input type="image" src="btn.png"><object data="o.svg"></object>
                <svg><image href="si.png"/><use xlink:href="sprite.svg#icon"/></svg>
                </body></html>""");
        assertEquals(List.of("a.css", "i.png", "m.webmanifest", "f.woff2", "m.js", "p.js", "t.png", "w1.png",
                "w2.png", "s.js", "img.png", "s1.png", "s2.png", "p.webp", "v.mp4", "poster.jpg", "sub.vtt", "a.mp3",
                "e.swf", "btn.png", "o.svg", "si.png", "sprite.svg#icon"), urls(parsed));
        assertEquals(ReferenceKind.HTML_SRCSET, only(parsed, "s2.png").kind());
        assertEquals(ReferenceKind.HTML_RESOURCE, only(parsed, "poster.jpg").kind());
        assertRangesHoldRawText(parsed);
    }

    @Test
    void linksAreNavigationAndOriginHintsAreNotReferences() {
        ParsedFile parsed = read("""
                <link rel="canonical" href="https://example.com/docs/page.html">
                <link rel="preconnect" href="https://fonts.example.com"><link rel="dns-prefetch" href="//cdn.example">
                <a href="other.html#part">x</a><area href="map.html"><iframe src="embed.html"></iframe>""");
        assertEquals(List.of("https://example.com/docs/page.html", "other.html#part", "map.html", "embed.html"),
                urls(parsed));
        assertTrue(parsed.references().stream().allMatch(r -> r.kind().isNavigation()));
    }

    @Test
    void metaImagesAndRefresh() {
        ParsedFile parsed = read("""
                <meta property="og:image" content="/img/og.png">
                <meta name="twitter:image" content="tw.png">
                <meta name="msapplication-TileImage" content="tile.png">
                <meta name="description" content="not/a/url.png">
                <meta http-equiv="refresh" content="0; URL='moved.html'">""");
        assertEquals(List.of("/img/og.png", "tw.png", "tile.png", "moved.html"), urls(parsed));
        assertEquals(ReferenceKind.HTML_META, only(parsed, "/img/og.png").kind());
        assertEquals(ReferenceKind.HTML_META_REFRESH, only(parsed, "moved.html").kind());
        assertRangesHoldRawText(parsed);
    }

    @Test
    void styleAttributesStyleBlocksAndImportMaps() {
        String html = "<style>\nbody { background: url(\"bg.png\") } /* url(no.png) */\n</style>\n"
                + "<div style=\"background-image: url(&quot;q.png&quot;); mask: url(m.svg#x)\"></div>\n"
                + "<script type=\"importmap\">{\"imports\": {\"app\": \"/js/app.js\"},"
                + " \"scopes\": {\"/x/\": {\"dep\": \"./dep.js\"}}}</script>\n"
                + "<script>var s = 'url(not-css.png)';</script>";
        ParsedFile parsed = read(html);
        assertEquals(List.of("bg.png", "q.png", "m.svg#x", "/js/app.js", "./dep.js"), urls(parsed));
        Reference quoted = only(parsed, "q.png");
        assertEquals("q.png", html.substring(quoted.range().start(), quoted.range().end()));
        assertEquals(ReferenceKind.CSS_URL, quoted.kind());
        assertEquals(ReferenceKind.IMPORT_MAP, only(parsed, "./dep.js").kind());
        assertEquals(2, only(parsed, "bg.png").line());
        assertEquals(5, only(parsed, "/js/app.js").line());
    }

    @Test
    void srcsetCandidatesEachHaveTheirOwnRangeEvenWithCommasAndEntities() {
        String html = "<img srcset=\"a.png?w=1&amp;h=2 1x,b,c.png 2x, data:image/png;base64,AA== 3x\n, d.png 480w\">";
        ParsedFile parsed = read(html);
        assertEquals(List.of("a.png?w=1&h=2", "b,c.png", "data:image/png;base64,AA==", "d.png"), urls(parsed));
        Reference withEntity = only(parsed, "a.png?w=1&h=2");
        assertEquals("a.png?w=1&amp;h=2", html.substring(withEntity.range().start(), withEntity.range().end()));
        assertEquals("a.png.x?w=1&amp;h=2", withEntity.replacementFor(
                html.substring(withEntity.range().start(), withEntity.range().end()), "a.png.x?w=1&h=2"));
        assertEquals(2, only(parsed, "d.png").line());
    }

    @Test
    void positionsAreInTheOriginalTextWithCrlfAndBom() {
        String html = "\uFEFF<!doctype html>\r\n<html>\r\n<body>\r\n  <img   SRC = 'x.png' >\r\n</body></html>";
        Reference r = only(read(html), "x.png");
        assertEquals(4, r.line());
        assertEquals(17, r.column());
        assertEquals("x.png", html.substring(r.range().start(), r.range().end()));
        assertEquals("docs/page.html:4:17", r.location());
    }

    @Test
    void surroundingWhitespaceIsNotPartOfTheUrl() {
        String html = "<img src=\"  spaced.png\n\">";
        Reference r = only(read(html), "spaced.png");
        assertEquals("spaced.png", html.substring(r.range().start(), r.range().end()));
    }

    @Test
    void encodersEscapeForTheQuotingOfTheOriginalAttribute() {
        Reference doubleQuoted = only(read("<img src=\"a&amp;b.png\">"), "a&b.png");
        assertEquals("a&amp;b.1.png", doubleQuoted.replacementFor("a&amp;b.png", "a&b.1.png"));
        Reference unquoted = only(read("<img src=a&amp;b.png>"), "a&b.png");
        assertEquals("a&amp;b&#32;c.png", unquoted.replacementFor("a&amp;b.png", "a&b c.png"));
        Reference singleQuoted = only(read("<img src='it&#39;s.png'>"), "it's.png");
        assertEquals("it&#39;s.1.png", singleQuoted.replacementFor("it&#39;s.png", "it's.1.png"));
    }

    @Test
    void anchorsAreIdsAndNamedAnchors() {
        ParsedFile parsed = read("<h2 id=\"intro\">I</h2><a name=\"legacy\"></a><div id=\"x y\"></div><p name=\"no\">");
        assertEquals(Set.of("intro", "legacy", "x y"), parsed.anchors());
    }

    @Test
    void emptyAndValuelessAttributesAreNotReferences() {
        assertEquals(List.of(), urls(read("<img src=\"\"><img src><a href=\"  \">")));
    }
}
