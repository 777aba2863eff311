package dev.zdd.plugin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.inject.Inject;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zdd:check} configured by the plugin-testing harness from the generated plugin descriptor, on real folders
 * in {@link TempDir}. See {@link HashMojoTest} for why {@code siteDirectory} is configured to its default.
 */
@MojoTest
@MojoParameter(name = "siteDirectory", value = "${basedir}/src/main/site")
class CheckMojoTest {
    static final String INDEX = """
            <!doctype html>
            <html><head><link rel="stylesheet" href="css/site.css"></head>
            <body><a href="about.html#team">About</a> <img src="img/logo.png" alt=""></body>
            </html>
            """;
    static final String ABOUT = "<!doctype html>\n<h1 id=\"team\">Team</h1>\n<a href=\"index.html\">home</a>\n";
    static final String CSS = "h1 { background: url(../img/logo.png) }\n";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7, 7};
    /** A page with a link to a page that is not there, on line 4 with its URL at column 10. */
    static final String BROKEN = breakLink(INDEX);
    static final String BROKEN_AT = "index.html:4:10";

    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    TestProject test;

    @BeforeEach
    void pointTheProjectAtTheTemporaryFolder() {
        test = TestProject.in(temp, project);
    }

    private void writeSite(String index) {
        test.siteFile("index.html", index).siteFile("about.html", ABOUT).siteFile("css/site.css", CSS)
                .siteFile("img/logo.png", PNG);
    }

    private long siteSize() {
        return INDEX.getBytes(StandardCharsets.UTF_8).length + ABOUT.getBytes(StandardCharsets.UTF_8).length
                + CSS.getBytes(StandardCharsets.UTF_8).length + PNG.length;
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void aCleanSitePassesAndWritesTheReports(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        Path reports = temp.resolve("reports");
        assertEquals(List.of("TEST-zdd-check.xml", "check.html", "check.json"), TestProject.files(reports));
        Map<String, String> json = topLevel(reports.resolve("check.json"));
        assertEquals("false", json.get("failed"), json.toString());
        assertEquals(test.site().toString(), json.get("site"));
        assertEquals(0, junitFailures(reports));
        assertTrue(TestProject.read(reports.resolve("check.html")).contains("<html"));
        assertEquals(List.of(), log.at("ERROR"), log.lines.toString());
        assertFalse(Files.exists(test.target()), "nothing is written to the build folder");
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "webManifests", value = "app/pwa.json")
    void webManifestsNamesTheManifestsWhoseIconsAreChecked(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        test.siteFile("app/pwa.json", "{\"name\": \"x\", \"icons\": [{\"src\": \"missing-icon.png\"}]}");
        mojo.setLog(new RecordingLog());

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("app/pwa.json") && e.getMessage().contains("missing-icon.png"),
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "basePath", value = "docs")
    void aBasePathWrittenWithoutSlashesMeansTheSameFolderAsForHash(CheckMojo mojo) throws Exception {
        writeSite(INDEX.replace("about.html#team", "/docs/about.html#team").replace("css/site.css", "/shop/x.css"));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of("  index.html:2:42: outside-site: '/shop/x.css' is outside the site's base path /docs/"),
                log.at("INFO").stream().filter(l -> l.contains("outside-site")).toList(), log.lines.toString());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "basePath", value = "/docs?v=2")
    void aBasePathThatIsNotAUrlPathFailsNamingItAndWritesNoReport(CheckMojo mojo) {
        writeSite(INDEX);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("zdd:check: basePath must be a URL path"), e.getMessage());
        assertTrue(e.getMessage().contains("'/docs?v=2'"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("reports")));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void aJsonFileOutsideTheManifestGlobsIsNotReadAsAManifest(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        test.siteFile("app/pwa.json", "{\"name\": \"x\", \"icons\": [{\"src\": \"missing-icon.png\"}]}");
        mojo.setLog(new RecordingLog());

        mojo.execute();

        assertEquals("false", topLevel(temp.resolve("reports/check.json")).get("failed"));
    }

    @Test
    @InjectMojo(goal = "check")
    void withoutAReportDirectoryTheReportsGoToTheBuildFolder(CheckMojo mojo) throws Exception {
        writeSite(INDEX);

        mojo.execute();

        assertEquals(List.of("TEST-zdd-check.xml", "check.html", "check.json"),
                TestProject.files(temp.resolve("target/zdd")));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void aBrokenLinkFailsWithFileLineAndColumnAndTheReportsAreStillWritten(CheckMojo mojo) throws Exception {
        writeSite(BROKEN);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(BROKEN_AT + ": error: "), e.getMessage());
        assertTrue(e.getMessage().contains("gone.html"), e.getMessage());
        assertTrue(e.getMessage().contains("1 problem(s)"), e.getMessage());
        Path reports = temp.resolve("reports");
        assertTrue(e.getMessage().contains(reports.resolve("check.html").toString()), "points at the report");
        assertEquals(List.of("TEST-zdd-check.xml", "check.html", "check.json"), TestProject.files(reports));
        assertEquals("true", topLevel(reports.resolve("check.json")).get("failed"));
        assertEquals(List.of("error broken-link " + BROKEN_AT + " gone.html"), problems(reports.resolve("check.json")));
        assertEquals(1, junitFailures(reports));
        assertFalse(log.at("ERROR").isEmpty(), "the console report is logged as errors");
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "failOn", value = "none")
    void failOnNoneTurnsProblemsIntoWarnings(CheckMojo mojo) throws Exception {
        writeSite(BROKEN);

        mojo.execute();

        Path reports = temp.resolve("reports");
        assertEquals("false", topLevel(reports.resolve("check.json")).get("failed"));
        assertEquals(List.of("warning broken-link " + BROKEN_AT + " gone.html"),
                problems(reports.resolve("check.json")), "the problem is still reported, as a warning");
        assertEquals(0, junitFailures(reports));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "failOn", value = "broken-links")
    void anUnknownFailOnValueFailsNamingIt(CheckMojo mojo) {
        writeSite(INDEX);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("'broken-links'"), e.getMessage());
        assertTrue(e.getMessage().contains("use one of broken-link, "), "lists the valid values: " + e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "maxTotalSize", value = "12 parsecs")
    void anUnreadableSizeFailsNamingIt(CheckMojo mojo) {
        writeSite(INDEX);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("'12 parsecs' is not a size"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void aTotalSizeOverItsBudgetFails(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        // Set after injection: an annotation value cannot be computed. maxTotalSizeIsReadWithItsUnit goes through
        // the harness's configuration instead.
        mojo.maxTotalSize = String.valueOf(siteSize() - 1);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("over its budget"), e.getMessage());
        assertEquals(List.of("error size-budget (release) "), problems(temp.resolve("reports/check.json")));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void aTotalSizeAtItsBudgetPasses(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        mojo.maxTotalSize = siteSize() + "B";

        mojo.execute();

        assertEquals("false", topLevel(temp.resolve("reports/check.json")).get("failed"));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "maxTotalSize", value = "1 kB")
    void maxTotalSizeIsReadWithItsUnit(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        test.siteFile("img/big.png", new byte[1001]);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("over its budget of 1.00 kB"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "baseline", value = "${basedir}/previous/manifest.json")
    void aMissingBaselineFailsNamingItsPath(CheckMojo mojo) {
        writeSite(INDEX);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(temp.resolve("previous/manifest.json").toString()), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "baseline", value = "${basedir}/previous/manifest.json")
    void anUnreadableBaselineFailsNamingItsPath(CheckMojo mojo) {
        writeSite(INDEX);
        TestProject.write(temp.resolve("previous/manifest.json"), "{\"not\": \"a manifest\"}".getBytes(
                StandardCharsets.UTF_8));

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(temp.resolve("previous/manifest.json").toString()), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "baseline", value = "${basedir}/previous")
    @MojoParameter(name = "maxGrowth", value = "10%")
    void growthPastMaxGrowthSinceABaselineReleaseFails(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        // The baseline: the release of the site as it is now, staged by the library itself.
        new AssetHasher(HasherConfig.builder(test.site(), temp.resolve("previous")).build()).run();
        test.siteFile("img/big.png", new byte[(int) siteSize()]);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("since the baseline"), e.getMessage());
        assertEquals(List.of("error size-regression (release) "), problems(temp.resolve("reports/check.json")));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    @MojoParameter(name = "baseline", value = "${basedir}/previous")
    @MojoParameter(name = "maxGrowth", value = "10%")
    void growthWithinMaxGrowthPasses(CheckMojo mojo) throws Exception {
        writeSite(INDEX);
        new AssetHasher(HasherConfig.builder(test.site(), temp.resolve("previous")).build()).run();
        test.siteFile("about.html", ABOUT + "<p>one more line</p>\n");

        mojo.execute();

        assertEquals(List.of(), problems(temp.resolve("reports/check.json")));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void aMissingSiteFolderFailsNamingIt(CheckMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(test.site().toString()), e.getMessage());
    }

    @Test
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    @MojoParameter(name = "reportDirectory", value = "${basedir}/reports")
    void afterZddHashInTheSameBuildTheStagedReleaseIsChecked(@InjectMojo(goal = "hash") HashMojo hash,
                                                            @InjectMojo(goal = "check") CheckMojo check)
            throws Exception {
        writeSite(INDEX);
        hash.execute();
        Path out = temp.resolve("out");
        assertEquals(out.toFile(), project.getContextValue(HashMojo.HASHED_DIRECTORY));
        // The site folder now has a broken link; the staged release, which is what gets deployed, does not.
        test.siteFile("index.html", BROKEN);

        check.execute();

        Map<String, String> json = topLevel(temp.resolve("reports/check.json"));
        assertEquals(out.toString(), json.get("site"));
        assertEquals("false", json.get("failed"));

        // And the other way round: a broken staged release fails even though the site folder is fine now.
        test.siteFile("index.html", INDEX);
        Files.writeString(out.resolve("index.html"), breakLink(Files.readString(out.resolve("index.html"))));
        MojoFailureException e = assertThrows(MojoFailureException.class, check::execute);
        assertTrue(e.getMessage().contains(BROKEN_AT) && e.getMessage().contains(out.toString()), e.getMessage());
    }

    private static String breakLink(String page) {
        return page.replace("<body>", "<body>\n<a href=\"gone.html\">gone</a>");
    }

    /** The problems in check.json, as "severity kind file:line:column target". */
    private static List<String> problems(Path json) throws IOException {
        List<String> problems = new java.util.ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json.toFile())) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("problems")
                        && parser.getParsingContext().getParent().inRoot()) {
                    assertEquals(JsonToken.START_ARRAY, parser.nextToken());
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> p = new LinkedHashMap<>();
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String name = parser.currentName();
                            parser.nextToken();
                            p.put(name, parser.getText());
                        }
                        String where = p.get("line").equals("0") ? p.get("file")
                                : p.get("file") + ":" + p.get("line") + ":" + p.get("column");
                        problems.add(p.get("severity") + " " + p.get("kind") + " " + where + " " + p.get("target"));
                    }
                    return problems;
                }
            }
        }
        throw new AssertionError("no problems array in " + json);
    }

    /** The scalar top-level fields of check.json, as text. */
    private static Map<String, String> topLevel(Path json) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json.toFile())) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue()) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return fields;
    }

    /** The failures attribute of the JUnit report, which must be well-formed XML. */
    private static int junitFailures(Path reports) throws Exception {
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("TEST-zdd-check.xml").toFile()).getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        return Integer.parseInt(suite.getAttribute("failures"));
    }
}
