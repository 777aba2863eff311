package dev.zdd.hasher.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that the three report files parse as what they claim to be, and hold every problem. */
final class ReportValidity {
    private ReportValidity() {
    }

    static void assertValid(Path reports, int problems) throws Exception {
        for (String name : new String[] {CheckReports.JSON, CheckReports.JUNIT, CheckReports.HTML}) {
            String text = strictUtf8(reports.resolve(name));
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                assertTrue(c >= 0x20 || c == '\n' || c == '\t', name + " holds control character "
                        + (int) c + " at " + i);
            }
        }
        int inJson = 0;
        try (JsonParser json = new JsonFactory().createParser(reports.resolve(CheckReports.JSON).toFile())) {
            while (json.nextToken() != null) {
                if ("kind".equals(json.currentName()) && json.currentToken().isScalarValue()) {
                    inJson++;
                }
            }
        }
        assertEquals(problems, inJson, "problems in check.json");
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve(CheckReports.JUNIT).toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        assertTrue(cases.getLength() > 0, "JUnit test cases");
        Document html = Jsoup.parse(reports.resolve(CheckReports.HTML).toFile(), "UTF-8");
        // One row per problem in the problem tables, plus each table's header row.
        int rows = html.select("h2:contains(Problems) ~ table tr").size()
                - html.select("h2:contains(Problems) ~ table tr:has(th)").size();
        assertTrue(rows >= problems, rows + " problem rows in check.html for " + problems + " problems");
    }

    /** The file's text; fails on any byte sequence that is not UTF-8. */
    static String strictUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }
}
