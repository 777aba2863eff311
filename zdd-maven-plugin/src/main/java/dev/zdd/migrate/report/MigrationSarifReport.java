package dev.zdd.migrate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.RuleInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code migrations.sarif}: SARIF 2.1.0 for code-scanning views (GitHub, GitLab, IDEs): one run whose tool lists
 * every rule, one result per finding with its rule, level, message (hint included) and place.
 */
final class MigrationSarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private MigrationSarifReport() {
    }

    static void write(LintResult result, Path file) throws IOException {
        List<RuleInfo> rules = result.rules();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            index.put(rules.get(i).id(), i);
        }
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", "zdd check-migrations");
            json.writeStringField("informationUri", "https://github.com/sbdchd/squawk");
            json.writeArrayFieldStart("rules");
            for (RuleInfo rule : rules) {
                json.writeStartObject();
                json.writeStringField("id", rule.id());
                json.writeObjectFieldStart("shortDescription");
                json.writeStringField("text", rule.description());
                json.writeEndObject();
                json.writeObjectFieldStart("defaultConfiguration");
                json.writeStringField("level", level(rule.severity()));
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
            json.writeArrayFieldStart("results");
            for (Finding f : result.findings()) {
                json.writeStartObject();
                json.writeStringField("ruleId", f.rule());
                Integer ruleIndex = index.get(f.rule());
                if (ruleIndex != null) {
                    json.writeNumberField("ruleIndex", ruleIndex);
                }
                json.writeStringField("level", level(f.severity()));
                json.writeObjectFieldStart("message");
                json.writeStringField("text", f.message() + ". Instead: " + f.hint());
                json.writeEndObject();
                json.writeArrayFieldStart("locations");
                json.writeStartObject();
                json.writeObjectFieldStart("physicalLocation");
                json.writeObjectFieldStart("artifactLocation");
                json.writeStringField("uri", uri(f.file()));
                json.writeEndObject();
                if (f.line() > 0) {
                    json.writeObjectFieldStart("region");
                    json.writeNumberField("startLine", f.line());
                    json.writeNumberField("startColumn", Math.max(1, f.column()));
                    json.writeEndObject();
                }
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static String level(Severity severity) {
        return severity == Severity.ERROR ? "error" : severity == Severity.WARNING ? "warning" : "note";
    }

    /** A path as a URI reference: relative paths stay relative, spaces and the like are percent-encoded. */
    static String uri(String path) {
        try {
            if (path.startsWith("/")) {
                return new URI("file", null, path, null).toASCIIString();
            }
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
