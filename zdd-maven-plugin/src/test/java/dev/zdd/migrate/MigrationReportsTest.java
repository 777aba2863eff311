package dev.zdd.migrate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.report.MigrationConsoleReport;
import dev.zdd.migrate.report.MigrationReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationReportsTest {
    @TempDir
    Path temp;

    /** Control characters and a quote in a message: XML must stay well-formed, JSON must round-trip. */
    private static final String ODD = "bad \u0001\u001b byte, \"quoted\" <tag> & more";

    private LintResult result() {
        MigrationScript script = new MigrationScript(Path.of("V1__a b.sql"), "db/V1__a b.sql",
                MigrationVersion.parse("1"), "a b");
        List<Finding> findings = List.of(
                new Finding("db/V1__a b.sql", 3, 5, "ban-drop-column", Severity.ERROR, "drops " + ODD, "contract later"),
                new Finding("db/V1__a b.sql", 7, 1, "prefer-text-field", Severity.WARNING, "varchar", "use text"),
                new Finding("db/V2__x.sql", 0, 0, "duplicate-version", Severity.ERROR, "dup", "renumber"));
        return new LintResult(List.of(new LintedMigration(script, 4, true,
                new Contract(true, List.of("3:5 drops column t.a")))), findings,
                List.of(new RuleInfo("ban-drop-column", Severity.ERROR, "d"),
                        new RuleInfo("prefer-text-field", Severity.WARNING, "p"),
                        new RuleInfo("duplicate-version", Severity.ERROR, "v")), 12);
    }

    @Test
    void jsonHasEveryFindingWithItsFields() throws IOException {
        MigrationReports.write(result(), temp);
        List<Map<String, String>> findings = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(temp.resolve("migrations.json").toFile())) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertEquals("findings", p.nextFieldName());
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> f = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    f.put(name, p.getText());
                }
                findings.add(f);
            }
        }
        assertEquals(3, findings.size());
        assertEquals(Map.of("file", "db/V1__a b.sql", "line", "3", "column", "5", "rule", "ban-drop-column",
                "severity", "error", "message", "drops " + ODD, "hint", "contract later"), findings.get(0));
        assertEquals("warning", findings.get(1).get("severity"));
    }

    @Test
    void sarifHasTheRequiredFieldsRulesAndResults() throws Exception {
        MigrationReports.write(result(), temp);
        Map<String, Object> sarif = Json.read(temp.resolve("migrations.sarif"));
        assertEquals("2.1.0", sarif.get("version"));
        List<?> runs = (List<?>) sarif.get("runs");
        assertEquals(1, runs.size());
        Map<?, ?> run = (Map<?, ?>) runs.get(0);
        Map<?, ?> driver = (Map<?, ?>) ((Map<?, ?>) run.get("tool")).get("driver");
        assertEquals("zdd check-migrations", driver.get("name"));
        List<?> rules = (List<?>) driver.get("rules");
        assertEquals("ban-drop-column", ((Map<?, ?>) rules.get(0)).get("id"));
        List<?> results = (List<?>) run.get("results");
        assertEquals(3, results.size());
        Map<?, ?> first = (Map<?, ?>) results.get(0);
        assertEquals("ban-drop-column", first.get("ruleId"));
        assertEquals(0L, ((Number) first.get("ruleIndex")).longValue());
        assertEquals("error", first.get("level"));
        assertTrue(((String) ((Map<?, ?>) first.get("message")).get("text")).contains("contract later"));
        Map<?, ?> location = (Map<?, ?>) ((Map<?, ?>) ((List<?>) first.get("locations")).get(0))
                .get("physicalLocation");
        assertEquals("db/V1__a%20b.sql", ((Map<?, ?>) location.get("artifactLocation")).get("uri"));
        assertEquals(3L, ((Number) ((Map<?, ?>) location.get("region")).get("startLine")).longValue());
        Map<?, ?> fileLevel = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) results.get(2)).get("locations"))
                .get(0)).get("physicalLocation");
        assertTrue(!fileLevel.containsKey("region"), "no line 0 regions: SARIF lines start at 1");
    }

    @Test
    void junitXmlIsWellFormedWithOneCasePerMigrationFile() throws Exception {
        MigrationReports.write(result(), temp);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(temp.resolve("TEST-zdd-migrations.xml").toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("2", suite.getAttribute("tests"), "V1 and the file with the duplicate version");
        assertEquals("2", suite.getAttribute("failures"));
        NodeList failures = xml.getElementsByTagName("failure");
        assertTrue(failures.item(0).getTextContent().contains("bad \uFFFD\uFFFD byte, \"quoted\" <tag> & more"));
    }

    @Test
    void consoleLinesAndGithubAnnotations() {
        List<String> lines = MigrationConsoleReport.lines(result());
        assertTrue(lines.get(0).startsWith("Checked 1 migration(s)"), lines.get(0));
        assertTrue(lines.get(0).contains("2 error(s), 1 warning(s); 1 contract migration(s) (V1)"), lines.get(0));
        assertEquals("db/V1__a b.sql:3:5: ban-drop-column: drops " + ODD, lines.get(1));
        assertEquals("    hint: contract later", lines.get(2));
        List<String> annotations = MigrationConsoleReport.githubAnnotations(result());
        assertTrue(annotations.get(0).startsWith("::error file=db/V1__a b.sql,line=3,col=5,title=zdd ban-drop-column::"),
                annotations.get(0));
        assertTrue(annotations.get(1).startsWith("::warning "), annotations.get(1));
        assertEquals("::error file=db/V2__x.sql,title=zdd duplicate-version::dup (renumber)", annotations.get(2));
    }
}
