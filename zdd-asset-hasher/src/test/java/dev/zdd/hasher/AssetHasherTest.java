package dev.zdd.hasher;

import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.hasher.refs.ReferenceGroup;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetHasherTest {
    @TempDir
    Path temp;

    private TestSite site() {
        return new TestSite(temp.resolve("site"));
    }

    private Path out() {
        return temp.resolve("out");
    }

    private HashResult hash(HasherConfig.Builder config) throws Exception {
        return new AssetHasher(config.build()).run();
    }

    private HashResult hash() throws Exception {
        return hash(HasherConfig.builder(temp.resolve("site"), out()));
    }

    private static String hashed(HashResult result, String original) {
        String path = result.manifest().paths().get(original);
        assertTrue(path != null, original + " was not hashed: " + result.manifest().paths());
        return path;
    }

    @Test
    void theOutputFolderHasTheUsualPermissionsNotATemporaryFoldersOwnerOnlyOnes() throws Exception {
        site().file("index.html", "<p>hi").file("css/a.css", "a{}");
        hash();
        // What any other build output gets from the umask: a folder made the ordinary way beside it.
        Path ordinary = java.nio.file.Files.createDirectory(temp.resolve("ordinary"));
        assertEquals(java.nio.file.Files.getPosixFilePermissions(ordinary),
                java.nio.file.Files.getPosixFilePermissions(out()));
        assertEquals(java.nio.file.Files.getPosixFilePermissions(ordinary),
                java.nio.file.Files.getPosixFilePermissions(out().resolve("css")));
    }

    @Test
    void assetsGetTheHashOfTheirContentAndPagesKeepTheirNames() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        site().file("index.html", "<img src=\"img/logo.png\">").file("img/logo.png", png);
        HashResult result = hash();
        String logo = hashed(result, "img/logo.png");
        String expectedHash = org.apache.commons.codec.digest.DigestUtils.sha256Hex(png).substring(0, 8);
        assertEquals("img/logo." + expectedHash + ".png", logo);
        assertArrayEquals(png, Files.readAllBytes(out().resolve(logo)));
        assertEquals("<img src=\"img/logo." + expectedHash + ".png\">", TestSite.read(out(), "index.html"));
        assertFalse(Files.exists(out().resolve("img/logo.png")), "originals are left out by default");
        assertEquals(Manifest.LOCATION, ".zdd/manifest.json");
        assertEquals(result.manifest(), ManifestJson.read(out().resolve(Manifest.LOCATION)));
    }

    @Test
    void anSvgFilesOwnReferencesAreRewrittenAndEveryOtherByteKept() throws Exception {
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
                + "<style><![CDATA[ .a { fill: url(#g); background: url(tex.png) } ]]></style>\n"
                + "<linearGradient id=\"g\"/><feImage href=\"tex.png\"/>\n"
                + "<image xlink:href=\"photo.png\" style=\"mask: url('tex.png')\"/><use href=\"#g\"/></svg>\n";
        site().file("img/drawing.svg", svg).file("img/photo.png", "photo").file("img/tex.png", "texture")
                .file("index.html", "<img src=\"img/drawing.svg\">");
        HashResult result = hash();
        String photo = hashed(result, "img/photo.png").substring("img/".length());
        String tex = hashed(result, "img/tex.png").substring("img/".length());
        assertEquals(svg.replace("photo.png", photo).replace("tex.png", tex),
                TestSite.read(out(), hashed(result, "img/drawing.svg")));
    }

    @Test
    void aPageWithABaseHrefHasItsUrlsResolvedAgainstTheBase() throws Exception {
        site().file("blog/post/index.html", "<base href=\"/\"><link rel=stylesheet href=\"css/app.css\">")
                .file("css/app.css", "body{}");
        HashResult result = hash();
        assertEquals("<base href=\"/\"><link rel=stylesheet href=\"" + hashed(result, "css/app.css") + "\">",
                TestSite.read(out(), "blog/post/index.html"));
    }

    @Test
    void aChangedImageRenamesTheCssThatReferencesItAndThePageThatLoadsTheCss() throws Exception {
        site().file("index.html", "<link rel=stylesheet href=\"css/app.css\">")
                .file("css/app.css", "body{background:url(../img/bg.png)}")
                .file("img/bg.png", "one")
                .file("img/other.png", "unrelated");
        HashResult first = hash();
        site().file("img/bg.png", "two");
        HashResult second = hash();
        assertNotEquals(hashed(first, "img/bg.png"), hashed(second, "img/bg.png"));
        assertNotEquals(hashed(first, "css/app.css"), hashed(second, "css/app.css"),
                "the CSS hash covers its rewritten content");
        assertEquals(hashed(first, "img/other.png"), hashed(second, "img/other.png"));
        String css = TestSite.read(out(), hashed(second, "css/app.css"));
        assertEquals("body{background:url(../" + hashed(second, "img/bg.png") + ")}", css);
        assertTrue(TestSite.read(out(), "index.html").contains(hashed(second, "css/app.css")));
    }

    @Test
    void referenceCyclesGetOneSharedHashAndEveryReferenceResolves() throws Exception {
        site().file("a.css", "@import \"b.css\";\n.a{background:url(x.png)}")
                .file("b.css", "@import url(a.css);\n.b{}")
                .file("self.css", ".s{background:url(self.css#frag)}")
                .file("x.png", "x")
                .file("index.html", "<link rel=stylesheet href=a.css><link rel=stylesheet href=/self.css>");
        HashResult result = hash();
        String a = hashed(result, "a.css");
        String b = hashed(result, "b.css");
        assertEquals(a.split("\\.")[1], b.split("\\.")[1], "members of a cycle share one hash");
        assertEquals("@import \"" + b + "\";\n.a{background:url(" + hashed(result, "x.png") + ")}",
                TestSite.read(out(), a));
        assertEquals("@import url(" + a + ");\n.b{}", TestSite.read(out(), b));
        String self = hashed(result, "self.css");
        assertEquals(".s{background:url(" + self + "#frag)}", TestSite.read(out(), self));
        assertEquals("<link rel=stylesheet href=" + a + "><link rel=stylesheet href=/" + self + ">",
                TestSite.read(out(), "index.html"));
        assertEquals(2, result.statistics().cycles());

        site().file("x.png", "changed");
        HashResult again = hash();
        assertNotEquals(hashed(result, "b.css"), hashed(again, "b.css"),
                "a change below one member of a cycle renames every member");
    }

    @Test
    void outputIsByteForByteIdenticalAcrossRunsAndThreadCounts() throws Exception {
        TestSite site = site();
        for (int i = 0; i < 40; i++) {
            site.file("p" + i + ".html", "<link rel=stylesheet href=c" + (i % 7) + ".css><img src=i" + i + ".png>");
            site.file("c" + (i % 7) + ".css", ".x{background:url(i" + ((i + 3) % 40) + ".png)}@import 'c"
                    + ((i + 1) % 7) + ".css';");
            site.file("i" + i + ".png", new byte[]{(byte) i, 1, 2});
        }
        hash(HasherConfig.builder(temp.resolve("site"), temp.resolve("one")).threads(1));
        hash(HasherConfig.builder(temp.resolve("site"), temp.resolve("four")).threads(4));
        Map<String, byte[]> one = TestSite.tree(temp.resolve("one"));
        Map<String, byte[]> four = TestSite.tree(temp.resolve("four"));
        assertEquals(one.keySet(), four.keySet());
        for (String path : one.keySet()) {
            assertArrayEquals(one.get(path), four.get(path), path);
        }
    }

    @Test
    void htmlBytesOutsideRewrittenValuesStayExactlyAsWritten() throws Exception {
        String page = "\uFEFF<!DOCTYPE html>\r\n<HTML lang=en>\r\n<!-- <img src=\"a.png\"> -->\r\n"
                + "<p class=x>caf\u00e9 &amp; &eacute; <br/>\r\n"
                + "<IMG SRC='a.png' alt=\"&quot;q&quot;\"   data-src=\"a.png\">\r\n"
                + "<img srcset=\"a.png 1x,  b.png   2x\" src=a.png?v=1#top>\r\n"
                + "<unknown-tag attr></unknown-tag></p>\r\n";
        site().file("index.html", page).file("a.png", "A").file("b.png", "B");
        HashResult result = hash();
        String a = hashed(result, "a.png");
        String b = hashed(result, "b.png");
        String expected = page
                .replace("<IMG SRC='a.png'", "<IMG SRC='" + a + "'")
                .replace("srcset=\"a.png 1x,  b.png   2x\" src=a.png?v=1#top",
                        "srcset=\"" + a + " 1x,  " + b + "   2x\" src=" + a + "?v=1#top");
        assertEquals(expected, TestSite.read(out(), "index.html"),
                "comments, data-* attributes, entities, case and CRLF are untouched");
    }

    @Test
    void bytesOfAPageThatIsNotUtf8AreKept() throws Exception {
        byte[] latin1 = "<p>caf\u00e9</p><img src=\"a.png\">".getBytes(StandardCharsets.ISO_8859_1);
        site().file("index.html", latin1).file("a.png", "A");
        HashResult result = hash();
        byte[] expected = ("<p>caf\u00e9</p><img src=\"" + hashed(result, "a.png") + "\">")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, Files.readAllBytes(out().resolve("index.html")));
    }

    @Test
    void urlsKeepTheirShapeQueryAndFragment() throws Exception {
        site().file("docs/guide/index.html", """
                        <img src="../../img/a.png"><img src="/img/a.png"><img src="/docs/../img/a.png?x=1">
                        <img src="https://example.com/img/a.png#f"><img src="https://cdn.example.org/img/a.png">
                        <img src="//example.com/img/a.png"><img src="data:image/png;base64,AA=="><a href="mailto:x@y">m</a>
                        <img src="../../img/my%20pic.png"><img src="../../img/%C3%A9t%C3%A9.png"><img src="../../img/été.png">""")
                .file("img/a.png", "A").file("img/my pic.png", "M").file("img/été.png", "E");
        HashResult result = hash(HasherConfig.builder(temp.resolve("site"), out())
                .siteOrigins(List.of("https://example.com")));
        String a = hashed(result, "img/a.png").substring(4);
        String pic = hashed(result, "img/my pic.png").substring(4);
        String ete = hashed(result, "img/été.png").substring(4);
        String page = TestSite.read(out(), "docs/guide/index.html");
        assertTrue(page.contains("<img src=\"../../img/" + a + "\"><img src=\"/img/" + a + "\">"
                + "<img src=\"/docs/../img/" + a + "?x=1\">"), page);
        assertTrue(page.contains("<img src=\"https://example.com/img/" + a + "#f\">"
                + "<img src=\"https://cdn.example.org/img/a.png\">"), page);
        assertTrue(page.contains("<img src=\"//example.com/img/" + a + "\"><img src=\"data:image/png;base64,AA==\">"),
                page);
        assertTrue(page.contains("<img src=\"../../img/" + pic.replace(" ", "%20") + "\">"), page);
        String encodedEte = "%C3%A9t%C3%A9" + ete.substring("été".length());
        assertTrue(page.contains("<img src=\"../../img/" + encodedEte + "\"><img src=\"../../img/" + ete + "\">"),
                page);
    }

    @Test
    void basePathDecidesWhichRootRelativeUrlsAreTheSites() throws Exception {
        site().file("index.html", "<img src=\"/docs/a.png\"><img src=\"/a.png\"><img src=\"a.png\">")
                .file("a.png", "A");
        HashResult result = hash(HasherConfig.builder(temp.resolve("site"), out()).basePath("/docs/"));
        String a = hashed(result, "a.png");
        assertEquals("<img src=\"/docs/" + a + "\"><img src=\"/a.png\"><img src=\"" + a + "\">",
                TestSite.read(out(), "index.html"));
    }

    @Test
    void missingAssetFailsWithFileLineAndColumnAndWritesNothing() throws Exception {
        site().file("index.html", "<html>\n<body>\n  <img src=\"gone.png\">\n</body>")
                .file("css/a.css", "\n\n.x { background: url('../img/none.png') }");
        Files.createDirectories(out().resolve(".zdd"));
        Files.writeString(out().resolve(".zdd/manifest.json"), "{\"zddManifest\":1}");
        Files.writeString(out().resolve("previous.html"), "live");
        HashingException e = assertThrows(HashingException.class, () -> hash(HasherConfig.builder(
                temp.resolve("site"), out()).missing(ReferenceGroup.HTML, MissingPolicy.FAIL)
                .missing(ReferenceGroup.CSS, MissingPolicy.FAIL)));
        List<String> where = e.problems().stream().map(Diagnostic::location).toList();
        assertEquals(List.of("css/a.css:3:23", "index.html:3:13"), where);
        assertTrue(e.getMessage().contains("index.html:3:13: error: 'gone.png' names gone.png, which is not in the"
                + " site"), e.getMessage());
        assertEquals("live", TestSite.read(out(), "previous.html"), "the previous output is untouched");
        try (var siblings = Files.list(temp)) {
            assertEquals(List.of("out", "site"), siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging folder is left behind");
        }
    }

    @Test
    void missingAssetWarnsByDefaultAndKeepsTheReference() throws Exception {
        site().file("index.html", "<img src=\"gone.png\"><a href=\"missing-page.html\">x</a>");
        HashResult result = hash();
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        Diagnostic warning = result.warnings().get(0);
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals("index.html:1:11", warning.location());
        assertEquals("<img src=\"gone.png\"><a href=\"missing-page.html\">x</a>", TestSite.read(out(), "index.html"));

        hash(HasherConfig.builder(temp.resolve("site"), out()).missing(ReferenceGroup.HTML, MissingPolicy.KEEP));
        assertEquals(List.of(), new AssetHasher(HasherConfig.builder(temp.resolve("site"), out())
                .missing(ReferenceGroup.HTML, MissingPolicy.KEEP).build()).run().warnings());
    }

    @Test
    void missingSourceMapIsStrippedWithAWarningByDefault() throws Exception {
        site().file("app.js", "console.log(1);\n//# sourceMappingURL=app.js.map\n")
                .file("style.css", "a{}\n/*# sourceMappingURL=style.css.map */")
                .file("kept.js", "x();\n//# sourceMappingURL=kept.js.map")
                .file("kept.js.map", "{\"version\":3,\"file\":\"kept.js\",\"sources\":[],\"mappings\":\"\"}");
        HashResult result = hash();
        assertEquals("console.log(1);\n\n", TestSite.read(out(), hashed(result, "app.js")));
        assertEquals("a{}\n", TestSite.read(out(), hashed(result, "style.css")));
        assertEquals(List.of("app.js:2:22", "style.css:2:22"),
                result.warnings().stream().map(Diagnostic::location).toList());
        String js = hashed(result, "kept.js");
        String map = hashed(result, "kept.js.map");
        assertEquals("x();\n//# sourceMappingURL=" + map, TestSite.read(out(), js));
        assertEquals("{\"version\":3,\"file\":\"" + js + "\",\"sources\":[],\"mappings\":\"\"}",
                TestSite.read(out(), map), "the map's file field names the hashed script (a cycle, resolved)");
    }

    @Test
    void keepOriginalsAlsoWritesRewrittenAssetsUnderTheirOldNames() throws Exception {
        site().file("a.css", "x{background:url(b.png)}").file("b.png", "B");
        HashResult result = hash(HasherConfig.builder(temp.resolve("site"), out()).keepOriginals(true));
        assertEquals(TestSite.read(out(), hashed(result, "a.css")), TestSite.read(out(), "a.css"));
        assertTrue(TestSite.read(out(), "a.css").contains(hashed(result, "b.png")));
        assertEquals(result.manifest().files().get(hashed(result, "a.css")).sha256(),
                result.manifest().files().get("a.css").sha256());
    }

    @Test
    void aHashedNameThatIsTakenByAnotherFileGetsALongerHash() throws Exception {
        byte[] content = "logo".getBytes(StandardCharsets.UTF_8);
        String eight = org.apache.commons.codec.digest.DigestUtils.sha256Hex(content).substring(0, 8);
        site().file("logo.png", content).file("logo." + eight + ".png", "already here")
                .file("index.html", "<img src=logo.png>");
        HashResult result = hash(HasherConfig.builder(temp.resolve("site"), out())
                .excludes(List.of("logo.*.png")));
        String logo = hashed(result, "logo.png");
        assertEquals(12, logo.split("\\.")[1].length(), logo);
        assertEquals("already here", TestSite.read(out(), "logo." + eight + ".png"));
    }

    @Test
    void excludedAndIgnoredFilesAreHandledAsConfigured() throws Exception {
        site().file("favicon.ico", "ico").file("sw.js", "self.x=1").file(".DS_Store", "junk")
                .file("robots.txt", "User-agent: *").file(".well-known/security.txt", "x");
        HashResult result = hash();
        assertEquals(Map.of(), result.manifest().paths());
        assertEquals(List.of("favicon.ico", "robots.txt", "sw.js", ".well-known/security.txt"),
                TestSite.tree(out()).keySet().stream().filter(p -> !p.startsWith(".zdd")).sorted(
                        (x, y) -> x.replace(".", "~").compareTo(y.replace(".", "~"))).toList());
    }

    @Test
    void refusesToReplaceAFolderItDidNotWrite() throws Exception {
        site().file("index.html", "x");
        Files.createDirectories(out());
        Files.writeString(out().resolve("precious.txt"), "mine");
        HashingException e = assertThrows(HashingException.class, this::hash);
        assertTrue(e.getMessage().contains("has files zdd did not write"), e.getMessage());
        assertEquals("mine", TestSite.read(out(), "precious.txt"));
    }

    @Test
    void refusesOutputInsideTheSiteAndAMissingSite() {
        site().file("index.html", "x");
        HashingException inside = assertThrows(HashingException.class, () -> hash(HasherConfig.builder(
                temp.resolve("site"), temp.resolve("site/out"))));
        assertTrue(inside.getMessage().contains("is inside the site folder"), inside.getMessage());
        HashingException missing = assertThrows(HashingException.class, () -> hash(HasherConfig.builder(
                temp.resolve("nowhere"), out())));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheSiteIsRefused() throws Exception {
        site().file("index.html", "x");
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(temp.resolve("site/leak.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(temp.resolve("site/inside.html"), temp.resolve("site/index.html"));
        HashingException e = assertThrows(HashingException.class, this::hash);
        assertEquals(List.of("leak.txt"), e.problems().stream().map(Diagnostic::file).toList());
        assertFalse(Files.exists(out()));

        Files.delete(temp.resolve("site/leak.txt"));
        hash();
        assertEquals("x", TestSite.read(out(), "inside.html"), "a link inside the site is published as a file");
    }

    @Test
    void manifestListsEveryFileWithSizeAndDigest() throws Exception {
        site().file("index.html", "<img src=a.png>").file("a.png", "AAAA").file("notes.txt", "hi");
        HashResult result = hash();
        Manifest manifest = result.manifest();
        assertEquals(Map.of("a.png", hashed(result, "a.png")), manifest.paths());
        assertEquals(List.of(hashed(result, "a.png"), "index.html", "notes.txt"),
                List.copyOf(manifest.files().keySet()));
        assertEquals(4, manifest.files().get(hashed(result, "a.png")).size());
        assertEquals("a.png", manifest.files().get(hashed(result, "a.png")).source());
        assertEquals(org.apache.commons.codec.digest.DigestUtils.sha256Hex("hi"),
                manifest.files().get("notes.txt").sha256());
        assertEquals(3, result.statistics().files());
        assertEquals(1, result.statistics().hashed());
        assertEquals(1, result.statistics().rewritten());
    }

    @Test
    void largeBinariesAreStreamedAndHashedCorrectly() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 17];
        Arrays.fill(big, (byte) 7);
        site().file("video.mp4", big);
        HashResult result = hash();
        String video = hashed(result, "video.mp4");
        Matcher m = Pattern.compile("video\\.([0-9a-f]{8})\\.mp4").matcher(video);
        assertTrue(m.matches(), video);
        assertEquals(org.apache.commons.codec.digest.DigestUtils.sha256Hex(big),
                result.manifest().files().get(video).sha256());
        assertEquals(big.length, Files.size(out().resolve(video)));
    }
}
