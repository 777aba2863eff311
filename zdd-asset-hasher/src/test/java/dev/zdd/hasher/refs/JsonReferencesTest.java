package dev.zdd.hasher.refs;

import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReferencesTest {

    private static ParsedFile read(JsonReferences extractor, String path, String text) {
        return FileReader.of(extractor).read(path, text);
    }

    private static List<String> urls(ParsedFile parsed) {
        return parsed.references().stream().map(Reference::url).toList();
    }

    private static String raw(ParsedFile parsed, Reference reference) {
        return parsed.text().substring(reference.range().start(), reference.range().end());
    }

    /** For every reference: the range holds exactly the string's raw contents, and line/column point at it. */
    private static void assertRangesConsistent(ParsedFile parsed) {
        LineIndex lines = new LineIndex(parsed.text());
        for (Reference r : parsed.references()) {
            assertEquals('"', parsed.text().charAt(r.range().start() - 1), "opening quote before " + r);
            assertEquals('"', parsed.text().charAt(r.range().end()), "closing quote after " + r);
            assertEquals(lines.line(r.range().start()), r.line(), r.toString());
            assertEquals(lines.column(r.range().start()), r.column(), r.toString());
        }
    }

    // --- web app manifest -------------------------------------------------------------------------------------

    private static final String WEB_MANIFEST = """
            {
              "name": "Example",
              "start_url": "/index.html",
              "scope": "/",
              "icons": [
                {"src": "icons/192.png", "sizes": "192x192", "type": "image/png"},
                {"sizes": "512x512", "src": "icons/512.png"}
              ],
              "screenshots": [{"src": "shots/wide.png", "form_factor": "wide"}],
              "shortcuts": [
                {"name": "Go", "url": "/go.html", "icons": [{"src": "icons/go.png"}]}
              ],
              "related_applications": [{"url": "https://play.example.com/x", "src": "not-a-ref.png"}],
              "other": {"icons": [{"src": "nested/not-a-ref.png"}]}
            }
            """;

    @Test
    void webManifestIconsScreenshotsAndShortcutIcons() {
        ParsedFile parsed = read(JsonReferences.webManifest(), "site.webmanifest", WEB_MANIFEST);
        assertEquals(List.of("icons/192.png", "icons/512.png", "shots/wide.png", "icons/go.png"), urls(parsed));
        for (Reference r : parsed.references()) {
            assertEquals(ReferenceKind.WEB_MANIFEST_ICON, r.kind());
            assertEquals("site.webmanifest", r.source());
            assertEquals(r.url(), raw(parsed, r));
            assertNull(r.removable());
        }
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        assertRangesConsistent(parsed);
    }

    @Test
    void webManifestPositions() {
        ParsedFile parsed = read(JsonReferences.webManifest(), "site.webmanifest", WEB_MANIFEST);
        Reference first = parsed.references().get(0);
        assertEquals(6, first.line());
        assertEquals("    {\"src\": \"".length() + 1, first.column());
        Reference goIcon = parsed.references().get(3);
        assertEquals(11, goIcon.line());
        assertEquals("site.webmanifest:11:" + goIcon.column(), goIcon.location());
    }

    @Test
    void webManifestStartUrlAndOtherStringsAreNotReferences() {
        ParsedFile parsed = read(JsonReferences.webManifest(), "site.webmanifest", WEB_MANIFEST);
        for (String url : urls(parsed)) {
            assertTrue(!url.equals("/index.html") && !url.equals("/go.html") && !url.contains("not-a-ref"), url);
        }
    }

    @Test
    void emptySrcIsNotAReference() {
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", "{\"icons\":[{\"src\":\"\"},{\"src\":\"a.png\"}]}");
        assertEquals(List.of("a.png"), urls(parsed));
    }

    @Test
    void nonStringSrcIsIgnored() {
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json",
                "{\"icons\":[{\"src\":1},{\"src\":null},{\"src\":[\"x.png\"]},{\"src\":{\"a\":\"y.png\"}}]}");
        assertEquals(List.of(), urls(parsed));
        assertTrue(parsed.problems().isEmpty());
    }

    @Test
    void escapedStringRangeCoversTheRawTextAndUrlIsDecoded() {
        String text = "{\"icons\": [{\"src\": \"icons\\/caf\\u00e9.png\"}]}";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        assertEquals(1, parsed.references().size());
        Reference r = parsed.references().get(0);
        assertEquals("icons/caf\u00e9.png", r.url());
        assertEquals("icons\\/caf\\u00e9.png", raw(parsed, r));
        assertRangesConsistent(parsed);
    }

    @Test
    void replacementOfAnEscapedStringIsValidJsonString() {
        String text = "{\"icons\": [{\"src\": \"a\\\"b\\\\c.png\"}]}";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        Reference r = parsed.references().get(0);
        assertEquals("a\"b\\c.png", r.url());
        assertEquals("a\\\"b\\\\c.png", raw(parsed, r));
        assertEquals("a\\\"b\\\\c.1234.png", r.replacementFor(raw(parsed, r), "a\"b\\c.1234.png"));
        // Unescaped raw text is replaced verbatim.
        ParsedFile plain = read(JsonReferences.webManifest(), "m.json", "{\"icons\":[{\"src\":\"a.png\"}]}");
        Reference p = plain.references().get(0);
        assertEquals("a.1234.png", p.replacementFor(raw(plain, p), "a.1234.png"));
    }

    @Test
    void positionsWithCrlfLineEnds() {
        String text = "{\r\n  \"name\": \"x\",\r\n  \"icons\": [\r\n    {\"src\": \"a.png\"},\r\n"
                + "\t{\"src\": \"b.png\"}\r\n  ]\r\n}\r\n";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        assertEquals(List.of("a.png", "b.png"), urls(parsed));
        Reference a = parsed.references().get(0);
        assertEquals(4, a.line());
        assertEquals(14, a.column());
        Reference b = parsed.references().get(1);
        assertEquals(5, b.line());
        assertEquals(11, b.column());
        assertEquals("a.png", raw(parsed, a));
        assertEquals("b.png", raw(parsed, b));
    }

    @Test
    void positionsAfterNonAsciiAndSurrogatePairs() {
        String text = "{\"name\": \"\u00e9\ud83d\ude00\", \"icons\": [{\"src\": \"\ud83d\ude00.png\"}]}";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        Reference r = parsed.references().get(0);
        assertEquals("\ud83d\ude00.png", raw(parsed, r));
        assertEquals(text.indexOf("\ud83d\ude00.png") + 1, r.column());
    }

    @Test
    void rangesStayRightInALongDocument() {
        StringBuilder text = new StringBuilder("{\"description\": \"");
        text.append("x".repeat(40_000)).append("\",\n\"icons\": [");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String url = "icons/icon-" + i + ".png";
            expected.add(url);
            text.append(i == 0 ? "" : ",\n").append("{\"src\": \"").append(url).append("\"}");
        }
        text.append("]}");
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text.toString());
        assertEquals(expected, urls(parsed));
        for (Reference r : parsed.references()) {
            assertEquals(r.url(), raw(parsed, r));
        }
        assertRangesConsistent(parsed);
        assertEquals(2_001, parsed.references().get(1_999).line());
    }

    @Test
    void manifestWithByteOrderMarkIsRead() {
        String text = "\uFEFF{\"icons\": [{\"src\": \"a.png\"}]}";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        assertEquals(List.of("a.png"), urls(parsed));
        assertEquals("a.png", raw(parsed, parsed.references().get(0)));
    }

    // --- source map -------------------------------------------------------------------------------------------

    @Test
    void sourceMapFileButNotSources() {
        String text = "{\"version\":3,\"file\":\"app.min.js\",\"sourceRoot\":\"src/\",\"sources\":[\"app.js\",\"util.js\"],"
                + "\"sourcesContent\":[\"var file = 1;\"],\"names\":[\"file\"],\"mappings\":\"AAAA\"}";
        ParsedFile parsed = read(JsonReferences.sourceMap(), "js/app.min.js.map", text);
        assertEquals(1, parsed.references().size());
        Reference r = parsed.references().get(0);
        assertEquals(ReferenceKind.SOURCE_MAP_FILE, r.kind());
        assertEquals("app.min.js", r.url());
        assertEquals("app.min.js", raw(parsed, r));
        assertEquals(text.indexOf("app.min.js"), r.range().start());
        assertRangesConsistent(parsed);
    }

    @Test
    void nestedFileFieldIsNotTheSourceMapFile() {
        String text = "{\"version\":3,\"sections\":[{\"offset\":{\"line\":0,\"column\":0},\"map\":{\"file\":\"x.js\"}}]}";
        ParsedFile parsed = read(JsonReferences.sourceMap(), "a.map", text);
        assertEquals(List.of(), urls(parsed));
    }

    // --- import map -------------------------------------------------------------------------------------------

    @Test
    void importMapValuesButNeverKeys() {
        String text = """
                {
                  "imports": {
                    "app": "./js/app.js",
                    "./js/util.js": "./js/util.js",
                    "lodash": "https://cdn.example.com/lodash.js"
                  },
                  "scopes": {
                    "/js/legacy/": {"app": "/js/legacy/app.js"},
                    "./vendor/": {"dep.js": "./vendor/dep-2.js"}
                  },
                  "integrity": {"./js/app.js": "sha384-abc"}
                }
                """;
        ParsedFile parsed = read(JsonReferences.importMap(), "importmap.json", text);
        assertEquals(List.of("./js/app.js", "./js/util.js", "https://cdn.example.com/lodash.js",
                "/js/legacy/app.js", "./vendor/dep-2.js"), urls(parsed));
        for (Reference r : parsed.references()) {
            assertEquals(ReferenceKind.IMPORT_MAP, r.kind());
            assertEquals(r.url(), raw(parsed, r));
        }
        // "./js/util.js" as a value, not the key on the same line.
        Reference util = parsed.references().get(1);
        assertEquals(4, util.line());
        assertEquals(text.indexOf("\"./js/util.js\"", text.indexOf(":", text.indexOf("\"./js/util.js\""))) + 1,
                util.range().start());
        assertRangesConsistent(parsed);
    }

    // --- malformed --------------------------------------------------------------------------------------------

    @Test
    void malformedJsonGivesOneWarningAndNoException() {
        String text = "{\n  \"icons\": [\n    {\"src\": \"a.png\",}\n  ]\n}\n";
        ParsedFile parsed = assertDoesNotThrow(() -> read(JsonReferences.webManifest(), "site.webmanifest", text));
        assertEquals(1, parsed.problems().size(), parsed.problems().toString());
        Diagnostic problem = parsed.problems().get(0);
        assertEquals("malformed-json", problem.code());
        assertEquals(Severity.WARNING, problem.severity());
        assertEquals("site.webmanifest", problem.file());
        assertEquals(3, problem.line());
        assertTrue(problem.column() > 1, problem.toString());
        assertTrue(problem.location().startsWith("site.webmanifest:3:"), problem.location());
    }

    @Test
    void malformedJsonReportsNoReferences() {
        // The warning says references are left as they are: none may be rewritten, even those before the error.
        String text = "{\"icons\": [{\"src\": \"a.png\"}], \"name\": oops}";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        assertEquals(1, parsed.problems().size());
        assertEquals(List.of(), urls(parsed));
    }

    @Test
    void truncatedJsonGivesOneWarning() {
        String text = "{\"icons\": [{\"src\": \"a.png\"}";
        ParsedFile parsed = assertDoesNotThrow(() -> read(JsonReferences.webManifest(), "m.json", text));
        assertEquals(1, parsed.problems().size());
        assertEquals("malformed-json", parsed.problems().get(0).code());
        assertEquals(1, parsed.problems().get(0).line());
        assertTrue(parsed.problems().get(0).column() >= 1);
    }

    @Test
    void malformedJsonPositionWithCrlf() {
        String text = "{\r\n\"icons\": [\r\n{\"src\": \"a.png\"}\r\n]\r\n,,\r\n}";
        ParsedFile parsed = read(JsonReferences.webManifest(), "m.json", text);
        assertEquals(1, parsed.problems().size());
        Diagnostic problem = parsed.problems().get(0);
        assertEquals(5, problem.line(), problem.toString());
        assertEquals(2, problem.column(), problem.toString());
    }

    @Test
    void jsonBeyondParserLimitsGivesOneWarningAtTheStart() {
        // Jackson reports nesting too deep without a location.
        String text = "{\"icons\": [{\"src\": \"a.png\"}], \"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        ParsedFile parsed = assertDoesNotThrow(() -> read(JsonReferences.webManifest(), "m.json", text));
        assertEquals(1, parsed.problems().size());
        assertEquals("malformed-json", parsed.problems().get(0).code());
        assertEquals(1, parsed.problems().get(0).line());
        assertEquals(List.of(), urls(parsed));
    }

    @Test
    void emptyAndWhitespaceTextsGiveNoReferences() {
        for (String text : List.of("", "   \n", "{}", "[]", "null")) {
            ParsedFile parsed = assertDoesNotThrow(() -> read(JsonReferences.webManifest(), "m.json", text));
            assertEquals(List.of(), urls(parsed), text);
            assertTrue(parsed.problems().isEmpty(), text + ": " + parsed.problems());
        }
    }
}
