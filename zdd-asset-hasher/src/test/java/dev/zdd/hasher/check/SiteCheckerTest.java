package dev.zdd.hasher.check;

import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.text.ByteSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteCheckerTest {
    @TempDir
    Path site;

    private void file(String path, String text) throws IOException {
        file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private void file(String path, byte[] bytes) throws IOException {
        Path file = site.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private CheckResult check(CheckConfig.Builder config) throws IOException {
        return new SiteChecker(config.build()).check();
    }

    private CheckResult check() throws IOException {
        return check(CheckConfig.builder(site));
    }

    private static List<String> summary(CheckResult result) {
        return result.problems().stream().map(p -> p.location() + " " + p.code() + " " + p.target()).toList();
    }

    @Test
    void aCleanSiteWithTheUsualTrapsHasNoProblems() throws IOException {
        file("index.html", """
                <a href="docs/">docs</a><a href="docs">docs without slash</a><a href="/">home</a>
                <a href="my%20page.html">encoded</a><a href="été.html">non-ascii</a><a href="%C3%A9t%C3%A9.html">enc</a>
                <a href="docs/guide.html#legacy">named anchor</a><a href="#top">top</a><a href="#">empty</a>
                <a href="#intro">same page</a><h1 id="intro">Intro</h1>
                <img src="a.png" srcset="a.png 1x, b.png 2x, c.png 3x"><img src="data:image/png;base64,AAAA">
                <a href="https://example.org/missing.html">external</a><a href="mailto:a@b.c">mail</a>
                <a href="javascript:void(0)">js</a><a href="docs/guide.html#:~:text=hello">text fragment</a>
                <link rel="stylesheet" href="style.css"><a href="docs/index.html?x=1#part">query</a>""");
        file("docs/index.html", "<p id=part>docs</p>");
        file("docs/guide.html", "<a name=\"legacy\"></a>");
        file("my page.html", "x");
        file("été.html", "x");
        file("style.css", "body{background:url('a.png')} .x{filter:url(#f)} .y{background:url(data:image/gif,x)}");
        file("a.png", "a");
        file("b.png", "b");
        file("c.png", "c");
        CheckResult result = check();
        assertEquals(List.of(), summary(result));
        assertFalse(result.failed());
        assertEquals(9, result.statistics().files());
        assertEquals(5, result.statistics().pages());
        assertTrue(result.statistics().references() >= 20, "references: " + result.statistics().references());
    }

    @Test
    void brokenLinksMissingAssetsAndFragmentsAreReportedWithFileLineAndColumn() throws IOException {
        file("index.html", "<html>\n<a href=\"gone.html\">x</a>\n<img src=\"img/none.png\">\n"
                + "<a href=\"other.html#nowhere\">x</a> <a href=\"#missing\">y</a>\n<a href=\"empty/\">z</a>");
        file("other.html", "<h2 id=\"somewhere\">");
        file("empty/readme.txt", "no index here");
        file("css/a.css", "\n  .x { background: url(../img/bg.png) }");
        CheckResult result = check();
        assertEquals(List.of(
                "css/a.css:2:24 missing-asset ../img/bg.png",
                "index.html:2:10 broken-link gone.html",
                "index.html:3:11 missing-asset img/none.png",
                "index.html:4:10 broken-fragment other.html#nowhere",
                "index.html:4:45 broken-fragment #missing",
                "index.html:5:10 broken-link empty/"), summary(result));
        assertTrue(result.failed());
        Diagnostic fragment = result.problems(ProblemKind.BROKEN_FRAGMENT).get(0);
        assertEquals("'other.html#nowhere': other.html has no element with id or name 'nowhere'", fragment.message());
        assertEquals("add id=\"nowhere\" to an element of other.html or correct the fragment", fragment.hint());
        assertTrue(result.problems(ProblemKind.BROKEN_LINK).get(1).message().contains("has no index.html"));
    }

    @Test
    void aPagesBaseHrefIsHonoured() throws IOException {
        file("blog/post/index.html", "<head><base href=\"/\"></head><link rel=stylesheet href=\"css/app.css\">"
                + "\n<a href=\"blog/\">blog</a><a href=\"gone.html\">gone</a>");
        file("blog/index.html", "x");
        file("css/app.css", "x");
        assertEquals(List.of("blog/post/index.html:2:34 broken-link gone.html"), summary(check()),
                "css/app.css and blog/ resolve against the base, not the page's folder");
    }

    @Test
    void basePathAndIndexFilesAreHonoured() throws IOException {
        file("index.html", "<a href=\"/docs/guide/\">in</a><a href=\"/elsewhere/x.html\">out</a>");
        file("guide/default.htm", "x");
        CheckResult result = check(CheckConfig.builder(site).basePath("/docs/")
                .indexFiles(List.of("index.html", "default.htm")));
        assertEquals(List.of("index.html:1:39 outside-site /elsewhere/x.html"), summary(result));
        assertEquals(Severity.WARNING, result.problems().get(0).severity(), "outside-site warns by default");
        assertFalse(result.failed());
    }

    @Test
    void failOnDecidesWhatFailsAndIgnoreUrlsSilences() throws IOException {
        file("index.html", "<a href=\"gone.html\">x</a><img src=\"legacy/old.png\">");
        CheckResult warnOnly = check(CheckConfig.builder(site).failOn(EnumSet.of(ProblemKind.MISSING_ASSET)));
        assertEquals(List.of(Severity.WARNING, Severity.ERROR),
                warnOnly.problems().stream().map(Diagnostic::severity).toList());
        CheckResult ignored = check(CheckConfig.builder(site).ignoreUrls(List.of("^legacy/", "gone")));
        assertEquals(List.of(), summary(ignored));
        assertThrows(IllegalArgumentException.class, () -> CheckConfig.builder(site).ignoreUrls(List.of("(")));
        assertEquals(EnumSet.of(ProblemKind.BROKEN_LINK, ProblemKind.SIZE_BUDGET),
                ProblemKind.parseSet("broken-link, size-budget"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ProblemKind.parseSet("broken-links"));
        assertTrue(unknown.getMessage().contains("broken-link, missing-asset"), unknown.getMessage());
    }

    @Test
    void malformedWebManifestIsAWarningWithItsPosition() throws IOException {
        file("site.webmanifest", "{\n  \"icons\": [ { \"src\": \"a.png\" }, ]\n}");
        CheckResult result = check();
        assertEquals(1, result.problems().size(), summary(result).toString());
        Diagnostic problem = result.problems().get(0);
        assertEquals("malformed", problem.code());
        assertEquals("site.webmanifest", problem.file());
        assertEquals(2, problem.line());
        assertEquals(Severity.WARNING, problem.severity());
    }

    @Test
    void absoluteBudgetsForTotalTypeAndFileGlobs() throws IOException {
        file("index.html", "x".repeat(100));
        file("js/app.js", "y".repeat(3000));
        file("js/vendor.js", "z".repeat(500));
        file("img/a.png", new byte[2000]);
        CheckResult result = check(CheckConfig.builder(site).maxTotalSize(5000L)
                .maxTypeSize(SizeCategory.JS, 3000).maxFileSize("**/*.js", 1000));
        assertEquals(List.of("(release) size-budget ", "(release) size-budget ", "js/app.js size-budget "),
                summary(result));
        assertEquals("the release is 5.60 kB, over its budget of 5.00 kB", result.problems().get(0).message());
        assertEquals("js files total 3.50 kB, over their budget of 3.00 kB", result.problems().get(1).message());
        assertEquals(3000L, result.sizes().current().get(SizeCategory.JS) - 500);
        assertTrue(result.checks().contains(ProblemKind.SIZE_BUDGET));
        assertFalse(result.checks().contains(ProblemKind.SIZE_REGRESSION));
    }

    @Test
    void regressionAgainstABaselineComparesBySitePathAcrossHashedNames(@TempDir Path work) throws Exception {
        Path source = work.resolve("src");
        write(source, "index.html", "<script src=app.js></script><img src=a.png><img src=gone.png>");
        write(source, "app.js", "a".repeat(1000));
        write(source, "a.png", "p".repeat(1000));
        write(source, "gone.png", "g".repeat(10));
        new AssetHasher(HasherConfig.builder(source, work.resolve("before")).build()).run();
        write(source, "app.js", "b".repeat(1500));
        write(source, "new.png", "n".repeat(300));
        Files.delete(source.resolve("gone.png"));
        write(source, "index.html", "<script src=app.js></script><img src=a.png><img src=new.png>");
        new AssetHasher(HasherConfig.builder(source, work.resolve("after")).build()).run();

        CheckResult result = new SiteChecker(CheckConfig.builder(work.resolve("after"))
                .baseline(new ManifestFileBaseline(work.resolve("before")))
                .maxGrowth(GrowthLimit.parse("25%")).maxTypeGrowth(SizeCategory.JS, GrowthLimit.parse("400B"))
                .maxTypeGrowth(SizeCategory.IMAGES, GrowthLimit.parse("50%")).build()).check();
        assertEquals(List.of("(release) size-regression ", "(release) size-regression "), summary(result));
        assertTrue(result.problems().get(0).message().startsWith("the release grew"), result.problems().get(0)
                .message());
        assertTrue(result.problems().get(1).message().startsWith("js files grew +500 B (+50.0%), from 1.00 kB to"
                + " 1.50 kB"), result.problems().get(1).message());
        SizeReport sizes = result.sizes();
        assertEquals(List.of(new FileChange("app.js", 1000, 1500)), sizes.grown().subList(0, 1));
        assertEquals(List.of(new FileChange("new.png", 0, 300)), sizes.added());
        assertEquals(List.of(new FileChange("gone.png", 10, 0)), sizes.removed());
        assertTrue(result.checks().contains(ProblemKind.SIZE_REGRESSION));
        assertEquals(List.of(), result.problems(ProblemKind.MISSING_ASSET), "the hashed release is link-clean");
    }

    @Test
    void aMissingOrInvalidBaselineIsAClearError(@TempDir Path work) throws IOException {
        file("index.html", "x");
        IOException missing = assertThrows(IOException.class, () -> check(CheckConfig.builder(site)
                .baseline(new ManifestFileBaseline(work.resolve("nope.json")))));
        assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
        Files.writeString(work.resolve("bad.json"), "{\n \"zddManifest\": 1,\n \"paths\": [\n}");
        RuntimeException invalid = assertThrows(RuntimeException.class, () -> check(CheckConfig.builder(site)
                .baseline(new ManifestFileBaseline(work.resolve("bad.json")))));
        assertTrue(invalid.getMessage().contains("bad.json:3:"), invalid.getMessage());
    }

    @Test
    void growthLimitsAndSizesParse() {
        assertEquals(new GrowthLimit(10.0, 51200L), GrowthLimit.parse("10% + 50KiB"));
        assertTrue(GrowthLimit.parse("10%").exceededBy(100, 111));
        assertFalse(GrowthLimit.parse("10%").exceededBy(100, 110));
        assertTrue(GrowthLimit.parse("1KB").exceededBy(0, 1001));
        assertFalse(GrowthLimit.parse("1KB+5%").exceededBy(100_000, 100_900));
        assertEquals(1_500_000, ByteSize.parse("1.5 MB"));
        assertEquals(2048, ByteSize.parse("2kib"));
        assertEquals("12.3 kB", ByteSize.format(12_345));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("12 parsecs"));
        assertTrue(bad.getMessage().contains("'12 parsecs' is not a size"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GrowthLimit.parse("ten%"));
    }

    @Test
    void aSymbolicLinkOutOfTheSiteFailsTheCheck(@TempDir Path elsewhere) throws IOException {
        file("index.html", "x");
        Files.writeString(elsewhere.resolve("secret"), "s");
        Files.createSymbolicLink(site.resolve("leak"), elsewhere.resolve("secret"));
        CheckResult result = check();
        assertEquals(List.of("leak unsafe-link "), summary(result));
        assertTrue(result.failed());
    }

    private static void write(Path root, String path, String text) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }
}
