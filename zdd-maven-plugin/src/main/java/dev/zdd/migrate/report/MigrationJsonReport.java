package dev.zdd.migrate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.LintedMigration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code migrations.json}: {@code {"findings": [{"file", "line", "column", "rule", "severity", "message", "hint"}]}},
 * plus each migration with its version and whether it is a contract migration, for the deploy to read.
 */
final class MigrationJsonReport {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private MigrationJsonReport() {
    }

    static void write(LintResult result, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartObject();
            json.writeArrayFieldStart("findings");
            for (Finding f : result.findings()) {
                json.writeStartObject();
                json.writeStringField("file", f.file());
                json.writeNumberField("line", f.line());
                json.writeNumberField("column", f.column());
                json.writeStringField("rule", f.rule());
                json.writeStringField("severity", f.severityName());
                json.writeStringField("message", f.message());
                json.writeStringField("hint", f.hint());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("migrations");
            for (LintedMigration m : result.migrations()) {
                json.writeStartObject();
                json.writeStringField("file", m.script().displayPath());
                json.writeStringField("version", m.script().version().toString());
                json.writeNumberField("statements", m.statements());
                json.writeBooleanField("transactional", m.runsInTransaction());
                json.writeBooleanField("contract", m.isContract());
                json.writeArrayFieldStart("contractReasons");
                for (String reason : m.contract().reasons()) {
                    json.writeString(reason);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("millis", result.millis());
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }
}
