package dev.zdd.migrate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.LintedMigration;
import dev.zdd.migrate.MeasuredMigration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code migrations.json}: {@code {"findings": [{"file", "line", "column", "rule", "severity", "message", "hint"}]}},
 * plus each migration with its version and whether it is a contract migration, for the deploy to read, and in
 * measured mode each migration run with its time, locks and rewrites.
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
            if (!result.measured().isEmpty()) {
                writeMeasured(json, result);
            }
            json.writeNumberField("millis", result.millis());
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Measured mode: every migration run on the scratch database, with a finding or not. */
    private static void writeMeasured(JsonGenerator json, LintResult result) throws IOException {
        json.writeArrayFieldStart("measured");
        for (MeasuredMigration m : result.measured()) {
            json.writeStartObject();
            json.writeStringField("file", m.file());
            json.writeStringField("version", m.version());
            json.writeNumberField("millis", m.millis());
            json.writeNumberField("statements", m.statements());
            json.writeNumberField("notMeasured", m.notMeasured());
            json.writeBooleanField("failed", m.failed());
            json.writeArrayFieldStart("locks");
            for (MeasuredMigration.TableLocks locks : m.locks()) {
                json.writeStartObject();
                json.writeStringField("table", locks.table());
                json.writeArrayFieldStart("modes");
                for (String mode : locks.modes()) {
                    json.writeString(mode);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rewritten");
            for (String table : m.rewritten()) {
                json.writeString(table);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
