package dev.zdd.hasher.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes and reads {@code manifest.json}. Keys are sorted and line ends are LF, so equal manifests are equal bytes. */
public final class ManifestJson {
    /** Django accepts manifests of this version. */
    static final String DJANGO_VERSION = "1.1";
    static final int FORMAT = 1;

    /** Keys are file paths, each seen once: interning them in Jackson's symbol table would only cost time. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    private ManifestJson() {
    }

    public static void write(Manifest manifest, OutputStream out) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(pretty);
            json.writeStartObject();
            json.writeStringField("version", DJANGO_VERSION);
            json.writeStringField("hash", pathsHash(manifest));
            json.writeNumberField("zddManifest", FORMAT);
            json.writeStringField("digest", "SHA-256");
            json.writeObjectFieldStart("paths");
            for (Map.Entry<String, String> path : manifest.paths().entrySet()) {
                json.writeStringField(path.getKey(), path.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("files");
            for (Map.Entry<String, ManifestEntry> file : manifest.files().entrySet()) {
                json.writeObjectFieldStart(file.getKey());
                json.writeStringField("source", file.getValue().source());
                json.writeNumberField("size", file.getValue().size());
                json.writeStringField("sha256", file.getValue().sha256());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    public static void write(Manifest manifest, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            write(manifest, out);
        }
    }

    public static Manifest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (JsonProcessingException e) {
            // Some errors (a number too long, nesting too deep: StreamConstraintsException) have no location.
            String at = e.getLocation() == null ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new InvalidManifestException(file + at + ": not a zdd manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a manifest from a stream; {@code name} names it in error messages. */
    public static Manifest read(InputStream in, String name) throws IOException {
        Map<String, String> paths = new TreeMap<>();
        Map<String, ManifestEntry> files = new TreeMap<>();
        boolean sawFormat = false;
        try (JsonParser json = FACTORY.createParser(in)) {
            expect(json, JsonToken.START_OBJECT, name);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "zddManifest" -> {
                        if (json.getIntValue() != FORMAT) {
                            throw new InvalidManifestException(name + ": manifest format " + json.getText()
                                    + " is newer than this zdd reads (" + FORMAT + ")", null);
                        }
                        sawFormat = true;
                    }
                    case "paths" -> readPaths(json, paths, name);
                    case "files" -> readFiles(json, files, name);
                    default -> {
                        if (value.isStructStart()) {
                            json.skipChildren();
                        }
                    }
                }
            }
        }
        if (!sawFormat) {
            throw new InvalidManifestException(name + ": not a zdd manifest (no \"zddManifest\" field)", null);
        }
        return new Manifest(new TreeMap<>(paths), new TreeMap<>(files));
    }

    private static void readPaths(JsonParser json, Map<String, String> paths, String name) throws IOException {
        requireCurrent(json, JsonToken.START_OBJECT, name);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String from = json.currentName();
            expect(json, JsonToken.VALUE_STRING, name);
            paths.put(from, json.getText());
        }
    }

    private static void readFiles(JsonParser json, Map<String, ManifestEntry> files, String name) throws IOException {
        requireCurrent(json, JsonToken.START_OBJECT, name);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String path = json.currentName();
            expect(json, JsonToken.START_OBJECT, name);
            String source = path;
            long size = -1;
            String sha256 = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "source" -> source = json.getText();
                    case "size" -> size = json.getLongValue();
                    case "sha256" -> sha256 = json.getText();
                    default -> json.skipChildren();
                }
            }
            if (size < 0 || sha256 == null) {
                throw new InvalidManifestException(name + ": entry \"" + path + "\" lacks size or sha256", null);
            }
            files.put(path, new ManifestEntry(source, size, sha256));
        }
    }

    private static void expect(JsonParser json, JsonToken token, String name) throws IOException {
        json.nextToken();
        requireCurrent(json, token, name);
    }

    private static void requireCurrent(JsonParser json, JsonToken token, String name) {
        if (json.currentToken() != token) {
            throw new InvalidManifestException(name + ":" + json.currentTokenLocation().getLineNr() + ":"
                    + json.currentTokenLocation().getColumnNr() + ": expected " + token.name() + " but found "
                    + json.currentToken(), null);
        }
    }

    /** A digest of the paths alone, the field Django keeps next to them. */
    private static String pathsHash(Manifest manifest) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, String> path : manifest.paths().entrySet()) {
                json.writeStringField(path.getKey(), path.getValue());
            }
            json.writeEndObject();
        }
        return DigestUtils.sha256Hex(text.toString()).substring(0, 12);
    }
}
