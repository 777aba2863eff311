package dev.zdd.hasher.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestJsonTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final String SHA_C = "c".repeat(64);

    private static Manifest sample() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("js/app.js", "js/app.0badc0de.js");
        paths.put("css/app.css", "css/app.1a2b3c4d.css");
        paths.put("img/\u00e9t\u00e9 \"quoted\".png", "img/\u00e9t\u00e9 \"quoted\".deadbeef.png");
        Map<String, ManifestEntry> files = new LinkedHashMap<>();
        files.put("js/app.0badc0de.js", new ManifestEntry("js/app.js", 1234, SHA_A));
        files.put("index.html", new ManifestEntry("index.html", 0, SHA_B));
        files.put("css/app.1a2b3c4d.css", new ManifestEntry("css/app.css", 5_000_000_000L, SHA_C));
        return new Manifest(new TreeMap<>(paths), new TreeMap<>(files));
    }

    private static byte[] bytes(Manifest manifest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestJson.write(manifest, out);
        return out.toByteArray();
    }

    private static String text(Manifest manifest) throws IOException {
        return new String(bytes(manifest), StandardCharsets.UTF_8);
    }

    private static Path file(Path dir, String json) throws IOException {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    // --- writing ----------------------------------------------------------------------------------------------

    @Test
    void roundTripThroughAFile(@TempDir Path dir) throws IOException {
        Manifest manifest = sample();
        Path file = dir.resolve(Manifest.LOCATION);
        ManifestJson.write(manifest, file);
        assertTrue(Files.isRegularFile(file));
        Manifest read = ManifestJson.read(file);
        assertEquals(manifest, read);
        assertEquals(manifest.paths(), read.paths());
        assertEquals(manifest.files(), read.files());
        assertEquals(5_000_001_234L, read.totalSize());
    }

    @Test
    void roundTripOfAnEmptyManifest(@TempDir Path dir) throws IOException {
        Manifest empty = new Manifest(new TreeMap<>(), new TreeMap<>());
        Path file = dir.resolve("m.json");
        ManifestJson.write(empty, file);
        Manifest read = ManifestJson.read(file);
        assertTrue(read.paths().isEmpty());
        assertTrue(read.files().isEmpty());
        assertEquals(0, read.totalSize());
    }

    @Test
    void writtenBytesAreDeterministic() throws IOException {
        byte[] first = bytes(sample());
        byte[] second = bytes(sample());
        assertArrayEquals(first, second);

        // Insertion order of the maps given to Manifest does not matter.
        SortedMap<String, String> reversedPaths = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversedPaths.putAll(sample().paths());
        SortedMap<String, ManifestEntry> reversedFiles = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversedFiles.putAll(sample().files());
        assertArrayEquals(first, bytes(new Manifest(reversedPaths, reversedFiles)));
    }

    @Test
    void differentManifestsGiveDifferentBytes() throws IOException {
        SortedMap<String, String> paths = new TreeMap<>(sample().paths());
        paths.put("js/app.js", "js/app.ffffffff.js");
        assertNotEquals(text(sample()), text(new Manifest(paths, sample().files())));
    }

    @Test
    void keysAreSortedAndLineEndsAreLf() throws IOException {
        String json = text(sample());
        assertFalse(json.contains("\r"), json);
        assertTrue(json.endsWith("}\n"), json);
        assertFalse(json.endsWith("\n\n"), json);
        assertTrue(json.lines().count() > 5, "pretty-printed: " + json);

        int css = json.indexOf("\"css/app.css\"");
        int img = json.indexOf("\"img/\u00e9t\u00e9");
        int js = json.indexOf("\"js/app.js\"");
        assertTrue(css > 0 && css < img && img < js, json);

        int filesAt = json.indexOf("\"files\"");
        int cssFile = json.indexOf("\"css/app.1a2b3c4d.css\"", filesAt);
        int index = json.indexOf("\"index.html\"", filesAt);
        int jsFile = json.indexOf("\"js/app.0badc0de.js\"", filesAt);
        assertTrue(filesAt > 0 && filesAt < cssFile && cssFile < index && index < jsFile, json);
    }

    @Test
    void hasDjangoCompatibleTopLevelPathsAndVersion() throws IOException {
        String json = text(sample());
        assertTrue(json.startsWith("{"), json);
        Matcher version = Pattern.compile("\\n  \"version\" ?: ?\"([^\"]*)\"").matcher(json);
        assertTrue(version.find(), json);
        assertEquals("1.1", version.group(1));
        Matcher hash = Pattern.compile("\\n  \"hash\" ?: ?\"([0-9a-f]+)\"").matcher(json);
        assertTrue(hash.find(), json);
        assertEquals(12, hash.group(1).length());

        // "paths" is a top-level object (indented once) mapping original to hashed.
        Matcher paths = Pattern.compile("\\n  \"paths\" ?: ?\\{(.*?)\\n  }", Pattern.DOTALL).matcher(json);
        assertTrue(paths.find(), json);
        String body = paths.group(1);
        assertTrue(Pattern.compile("\"css/app.css\" ?: ?\"css/app.1a2b3c4d.css\"").matcher(body).find(), body);
        assertTrue(Pattern.compile("\"js/app.js\" ?: ?\"js/app.0badc0de.js\"").matcher(body).find(), body);
        assertFalse(body.contains("index.html"), "unhashed files are not in paths: " + body);
    }

    @Test
    void pathsHashDependsOnPathsOnly() throws IOException {
        Pattern hash = Pattern.compile("\"hash\" ?: ?\"([0-9a-f]+)\"");
        Matcher a = hash.matcher(text(sample()));
        Matcher b = hash.matcher(text(new Manifest(sample().paths(), new TreeMap<>())));
        SortedMap<String, String> otherPaths = new TreeMap<>(sample().paths());
        otherPaths.remove("js/app.js");
        Matcher c = hash.matcher(text(new Manifest(otherPaths, sample().files())));
        assertTrue(a.find() && b.find() && c.find());
        assertEquals(a.group(1), b.group(1));
        assertNotEquals(a.group(1), c.group(1));
    }

    @Test
    void writtenAsUtf8WithSpecialCharactersEscaped() throws IOException {
        byte[] raw = bytes(sample());
        String json = new String(raw, StandardCharsets.UTF_8);
        assertTrue(json.contains("\u00e9t\u00e9 \\\"quoted\\\".png"), json);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), raw);
    }

    @Test
    void writeCreatesParentFolders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/c/manifest.json");
        ManifestJson.write(sample(), file);
        assertArrayEquals(bytes(sample()), Files.readAllBytes(file));
    }

    @Test
    void manifestCopiesAndFreezesItsMaps() {
        SortedMap<String, String> paths = new TreeMap<>(Map.of("a.css", "a.1.css"));
        Manifest manifest = new Manifest(paths, new TreeMap<>());
        paths.put("b.css", "b.1.css");
        assertEquals(1, manifest.paths().size());
        assertThrows(UnsupportedOperationException.class, () -> manifest.paths().put("c", "d"));
        assertThrows(UnsupportedOperationException.class,
                () -> manifest.files().put("c", new ManifestEntry("c", 1, SHA_A)));
    }

    // --- reading ----------------------------------------------------------------------------------------------

    @Test
    void readIgnoresUnknownFieldsAndAcceptsAnyFieldOrder(@TempDir Path dir) throws IOException {
        Path file = file(dir, """
                {
                  "files": {"a.1.css": {"sha256": "%s", "extra": [1, {"x": 2}], "size": 7, "source": "a.css"}},
                  "future": {"nested": [1, 2, {"deep": true}]},
                  "paths": {"a.css": "a.1.css"},
                  "zddManifest": 1,
                  "version": "1.1"
                }
                """.formatted(SHA_A));
        Manifest read = ManifestJson.read(file);
        assertEquals(Map.of("a.css", "a.1.css"), read.paths());
        assertEquals(Map.of("a.1.css", new ManifestEntry("a.css", 7, SHA_A)), read.files());
    }

    @Test
    void missingSourceDefaultsToThePath(@TempDir Path dir) throws IOException {
        Path file = file(dir, "{\"zddManifest\":1,\"files\":{\"x.txt\":{\"size\":3,\"sha256\":\"" + SHA_B + "\"}}}");
        assertEquals(new ManifestEntry("x.txt", 3, SHA_B), ManifestJson.read(file).files().get("x.txt"));
    }

    @Test
    void malformedJsonNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = file(dir, "{\n  \"zddManifest\": 1,\n  \"paths\": {\"a\": \"b\",}\n}\n");
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
        assertTrue(Pattern.compile(Pattern.quote(file.toString()) + ":3:\\d+: ").matcher(e.getMessage()).find(),
                e.getMessage());
    }

    @Test
    void truncatedJsonIsInvalid(@TempDir Path dir) throws IOException {
        Path file = file(dir, "{\"zddManifest\": 1, \"paths\": {\"a\": \"b\"");
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1:"), e.getMessage());
    }

    @Test
    void garbageIsInvalid(@TempDir Path dir) throws IOException {
        Path file = file(dir, "not json at all");
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1:"), e.getMessage());
    }

    @Test
    void errorsWithoutALocationStillNameTheFile(@TempDir Path dir) throws IOException {
        // Jackson reports stream constraint violations (a number too long, nesting too deep) without a location.
        for (String json : List.of(
                "{\"zddManifest\": 1, \"files\": {\"a\": {\"size\": " + "1".repeat(2_000) + "}}}",
                "{\"zddManifest\": 1, \"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}")) {
            Path file = file(dir, json);
            InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file));
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void jsonWithoutZddManifestIsInvalid(@TempDir Path dir) throws IOException {
        // What Django itself writes: valid JSON, but not ours.
        Path file = file(dir, "{\"paths\": {\"a.css\": \"a.123.css\"}, \"version\": \"1.1\", \"hash\": \"abc\"}");
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("zddManifest"), e.getMessage());
    }

    @Test
    void nonObjectJsonIsInvalid(@TempDir Path dir) throws IOException {
        for (String json : List.of("[1, 2]", "\"text\"", "42", "")) {
            Path file = file(dir, json);
            InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file),
                    json);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void newerFormatIsRefused(@TempDir Path dir) throws IOException {
        Path file = file(dir, "{\"zddManifest\": 2, \"paths\": {}, \"files\": {}}");
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void wrongValueTypesAreInvalid(@TempDir Path dir) throws IOException {
        for (String json : List.of(
                "{\"zddManifest\": 1, \"paths\": []}",
                "{\"zddManifest\": 1, \"paths\": {\"a\": 1}}",
                "{\"zddManifest\": 1, \"files\": []}",
                "{\"zddManifest\": 1, \"files\": {\"a\": \"b\"}}",
                "{\"zddManifest\": \"one\"}",
                "{\"zddManifest\": 1, \"files\": {\"a\": {\"source\": \"a\", \"sha256\": \"" + SHA_A + "\"}}}",
                "{\"zddManifest\": 1, \"files\": {\"a\": {\"source\": \"a\", \"size\": 1}}}")) {
            Path file = file(dir, json);
            InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(file),
                    json);
            assertTrue(e.getMessage().startsWith(file.toString()), json + " -> " + e.getMessage());
        }
    }

    @Test
    void missingFileIsAnIoErrorNotAnInvalidManifest(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        IOException e = assertThrows(IOException.class, () -> ManifestJson.read(missing));
        assertFalse(e instanceof com.fasterxml.jackson.core.JsonProcessingException);
    }

    @Test
    void readFromStreamUsesTheGivenName() {
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> ManifestJson.read(
                new ByteArrayInputStream("{\"paths\":{}}".getBytes(StandardCharsets.UTF_8)), "release/manifest"));
        assertTrue(e.getMessage().startsWith("release/manifest"), e.getMessage());
    }
}
