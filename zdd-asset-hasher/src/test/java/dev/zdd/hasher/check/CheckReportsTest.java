package dev.zdd.hasher.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckReportsTest {
    @TempDir
    Path temp;
    private CheckResult result;
    private Path reports;

    @BeforeEach
    void checkABrokenSite() throws IOException {
        Path site = temp.resolve("site");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("index.html"), "<a href=\"gone.html\">x</a>\n<img src=\"a<b>.png\">");
        Files.writeString(site.resolve("docs/page.html"), "<a href=\"../index.html#nope\">x</a>");
        Files.writeString(site.resolve("app.js"), "x".repeat(2000));
        result = new SiteChecker(CheckConfig.builder(site).maxTypeSize(SizeCategory.JS, 1000).build()).check();
        reports = temp.resolve("reports");
        assertEquals(List.of(reports.resolve("check.json"), reports.resolve("TEST-zdd-check.xml"),
                reports.resolve("check.html")), CheckReports.write(result, reports));
    }

    @Test
    void jsonHasAProblemsArrayWithKindFileLineAndTarget() throws IOException {
        List<Map<String, String>> problems = new ArrayList<>();
        boolean failed = false;
        try (JsonParser json = new JsonFactory().createParser(reports.resolve("check.json").toFile())) {
            while (json.nextToken() != null) {
                if (json.currentToken() == JsonToken.FIELD_NAME && json.currentName().equals("failed")) {
                    failed = json.nextBooleanValue();
                }
                if (json.currentToken() == JsonToken.FIELD_NAME && json.currentName().equals("problems")) {
                    json.nextToken();
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> problem = new LinkedHashMap<>();
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            json.nextToken();
                            problem.put(name, json.getText());
                        }
                        problems.add(problem);
                    }
                }
            }
        }
        assertTrue(failed);
        assertEquals(List.of("size-budget", "broken-fragment", "broken-link", "missing-asset"),
                problems.stream().map(p -> p.get("kind")).toList());
        Map<String, String> link = problems.get(2);
        assertEquals("index.html", link.get("file"));
        assertEquals("1", link.get("line"));
        assertEquals("10", link.get("column"));
        assertEquals("gone.html", link.get("target"));
        assertEquals("error", link.get("severity"));
        assertEquals("create the page or correct the link", link.get("hint"));
    }

    @Test
    void junitXmlHasOneTestCasePerCheckAndFailsTheBrokenOnes() throws Exception {
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("TEST-zdd-check.xml").toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(result.checks().size(), cases.getLength());
        assertEquals("7", suite.getAttribute("tests"));
        assertEquals("4", suite.getAttribute("failures"));
        List<String> failedCases = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            NodeList failure = testcase.getElementsByTagName("failure");
            if (failure.getLength() > 0) {
                failedCases.add(testcase.getAttribute("name").split(":")[0]);
                assertTrue(failure.item(0).getTextContent().contains(".html:") || failure.item(0).getTextContent()
                        .contains("(release)"), failure.item(0).getTextContent());
            }
        }
        assertEquals(List.of("broken-link", "missing-asset", "broken-fragment", "size-budget"), failedCases);
    }

    @Test
    void htmlGroupsProblemsByPageAndChartsSizesPerType() throws IOException {
        Document html = Jsoup.parse(reports.resolve("check.html").toFile());
        assertEquals("zdd check: failed", html.title());
        assertEquals(List.of("(release) (1)", "docs/page.html (1)", "index.html (2)"),
                html.select("h3").eachText());
        assertTrue(html.select("td").eachText().contains("'a<b>.png' names a<b>.png, which is not in the release"
                + " add the file to the site or correct the URL"), "escaped and readable: " + html.select("td")
                .eachText());
        assertEquals(6, html.select("svg").size(), "one chart row per type");
        assertTrue(html.select("script, link[rel=stylesheet], img").isEmpty(), "self-contained");
    }

    @Test
    void consoleSummaryAndGithubAnnotations() {
        List<String> lines = CheckConsoleReport.lines(result);
        assertTrue(lines.get(0).matches("Checked 3 files \\(2 pages, 3 references\\) in \\d+ ms: 4 error\\(s\\),"
                + " 0 warning\\(s\\)"), lines.get(0));
        assertTrue(lines.contains("  index.html:1:10: broken-link: 'gone.html' names gone.html, which is not in the"
                + " release"), lines.toString());
        assertTrue(lines.contains("      hint: create the page or correct the link"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("Sizes: total 2."), lines.toString());
        List<String> annotations = CheckConsoleReport.githubAnnotations(result, path -> "src/site/" + path);
        assertEquals("::error file=src/site/index.html,line=1,col=10,title=zdd broken-link::'gone.html' names"
                + " gone.html, which is not in the release (create the page or correct the link)", annotations.get(2));
        assertEquals(4, annotations.size());
    }
}
