package dev.zdd.hasher.refs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceMapCommentReferencesTest {

    private static ParsedFile read(String js) {
        return FileReader.of(new SourceMapCommentReferences()).read("js/app.js", js);
    }

    private static Reference only(String js) {
        ParsedFile parsed = read(js);
        assertEquals(1, parsed.references().size(), () -> "references in " + js + ": " + parsed.references());
        return parsed.references().get(0);
    }

    private static String at(String text, TextRange range) {
        return text.substring(range.start(), range.end());
    }

    private static void assertNone(String js) {
        ParsedFile parsed = read(js);
        assertEquals(List.of(), parsed.references(), js);
    }

    @Test
    void commentAtTheEndWithTrailingNewline() {
        String js = "console.log(1);\n//# sourceMappingURL=app.js.map\n";
        Reference r = only(js);
        assertEquals(ReferenceKind.SOURCE_MAP, r.kind());
        assertEquals("app.js.map", r.url());
        assertEquals("app.js.map", at(js, r.range()));
        assertEquals(2, r.line());
        assertEquals("//# sourceMappingURL=".length() + 1, r.column());
        assertNotNull(r.removable());
        assertEquals("//# sourceMappingURL=app.js.map", at(js, r.removable()));
    }

    @Test
    void commentAtTheEndWithoutTrailingNewline() {
        String js = "console.log(1);\n//# sourceMappingURL=app.js.map";
        Reference r = only(js);
        assertEquals("app.js.map", r.url());
        assertEquals(js.length(), r.range().end());
        assertEquals("//# sourceMappingURL=app.js.map", at(js, r.removable()));
        assertEquals(js.length(), r.removable().end());
    }

    @Test
    void commentWithCrlf() {
        String js = "console.log(1);\r\nfoo();\r\n//# sourceMappingURL=app.js.map\r\n";
        Reference r = only(js);
        assertEquals("app.js.map", r.url());
        assertEquals("app.js.map", at(js, r.range()));
        assertEquals(3, r.line());
        assertEquals(22, r.column());
        assertEquals("//# sourceMappingURL=app.js.map", at(js, r.removable()));
    }

    @Test
    void commentFollowedByLoneCr() {
        String js = "x();\r//# sourceMappingURL=app.js.map\r";
        Reference r = only(js);
        assertEquals("app.js.map", r.url());
        assertEquals("//# sourceMappingURL=app.js.map", at(js, r.removable()));
        assertEquals(2, r.line());
    }

    @Test
    void legacyAtSignComment() {
        String js = "x();\n//@ sourceMappingURL=legacy.js.map\n";
        Reference r = only(js);
        assertEquals("legacy.js.map", r.url());
        assertEquals("//@ sourceMappingURL=legacy.js.map", at(js, r.removable()));
    }

    @Test
    void commentWithoutSpaceAndWithTrailingBlanks() {
        String js = "x();\n//#sourceMappingURL=a.map \t\n";
        Reference r = only(js);
        assertEquals("a.map", r.url());
        assertTrue(at(js, r.removable()).startsWith("//#sourceMappingURL=a.map"), at(js, r.removable()));
        assertEquals(-1, at(js, r.removable()).indexOf('\n'));
    }

    @Test
    void onlyTheLastOfTwoCommentsCounts() {
        String js = "x();\n//# sourceMappingURL=first.js.map\ny();\n//# sourceMappingURL=second.js.map\n";
        Reference r = only(js);
        assertEquals("second.js.map", r.url());
        assertEquals(4, r.line());
        assertEquals("//# sourceMappingURL=second.js.map", at(js, r.removable()));
        assertEquals(js.lastIndexOf("//#"), r.removable().start());
    }

    @Test
    void removingTheCommentLeavesTheRestIntact() {
        String js = "a();\n//# sourceMappingURL=app.js.map\n";
        Reference r = only(js);
        String stripped = js.substring(0, r.removable().start()) + js.substring(r.removable().end());
        assertEquals("a();\n\n", stripped);
    }

    @Test
    void urlIsWrittenVerbatim() {
        String js = "//# sourceMappingURL=maps/app%20x.js.map?v=1\n";
        Reference r = only(js);
        assertEquals("maps/app%20x.js.map?v=1", r.url());
        assertEquals("app.123.js.map", r.encoder().encode("app.123.js.map"));
        assertEquals("app.123.js.map", r.replacementFor(at(js, r.range()), "app.123.js.map"));
    }

    @Test
    void dataUrlCommentIsReportedWhenShort() {
        String js = "x();\n//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==\n";
        assertEquals("data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==", only(js).url());
    }

    @Test
    void noComment() {
        assertNone("");
        assertNone("console.log('hello');\n");
        assertNone("// sourceMappingURL=app.js.map\n");
        assertNone("/* sourceMappingURL=app.js.map */\n");
        assertNone("//# sourceMappingURL=\n");
    }

    @Test
    void commentInsideAStringNearTheEndIsNotReported() {
        assertNone("var s = \"//# sourceMappingURL=x.js.map\";\n");
        assertNone("var s = '//# sourceMappingURL=x.js.map';\n");
        assertNone("var s = '//# sourceMappingURL=x.js.map' + y;\n");
    }

    @Test
    void stringInTheMiddleOfALongFileIsNotReported() {
        String middle = "var s = \"\\n//# sourceMappingURL=inside-a-string.js.map\\n\";\n";
        String js = "var a = 1;\n" + middle.replace("\\n", "\n") + "//" + "x".repeat(5000) + "\nvar b = 2;\n";
        assertTrue(js.length() - js.indexOf("inside-a-string") > 4096);
        assertNone(js);
    }

    @Test
    void lastCommentCountsInALongFile() {
        String js = "//# sourceMappingURL=early.js.map\n" + "f();\n".repeat(2000)
                + "//# sourceMappingURL=bundle.js.map\n";
        Reference r = only(js);
        assertEquals("bundle.js.map", r.url());
        assertEquals(2002, r.line());
        assertEquals("bundle.js.map", at(js, r.range()));
    }

    @Test
    void textAfterTheUrlOnTheSameLineIsNotAComment() {
        assertNone("//# sourceMappingURL=app.js.map foo\n");
    }
}
