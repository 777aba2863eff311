package dev.zdd.hasher.check;

import java.util.Locale;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.ReportText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code check.json}: every problem with kind, file, line, column and target, plus sizes, for tools to read. */
final class CheckJsonReport {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CheckJsonReport() {
    }

    static void write(CheckResult result, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartObject();
            json.writeStringField("site", ReportText.printable(result.site().toString()));
            json.writeBooleanField("failed", result.failed());
            json.writeArrayFieldStart("checks");
            for (ProblemKind kind : result.checks()) {
                json.writeString(kind.id());
            }
            json.writeEndArray();
            json.writeObjectFieldStart("statistics");
            json.writeNumberField("files", result.statistics().files());
            json.writeNumberField("pages", result.statistics().pages());
            json.writeNumberField("references", result.statistics().references());
            json.writeNumberField("millis", result.statistics().millis());
            json.writeEndObject();
            json.writeArrayFieldStart("problems");
            for (Diagnostic problem : result.problems()) {
                json.writeStartObject();
                json.writeStringField("kind", problem.code());
                json.writeStringField("severity", problem.severity().name().toLowerCase(Locale.ROOT));
                json.writeStringField("file", problem.file());
                json.writeNumberField("line", problem.line());
                json.writeNumberField("column", problem.column());
                json.writeStringField("target", problem.target());
                json.writeStringField("message", problem.message());
                json.writeStringField("hint", problem.hint());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeSizes(result.sizes(), json);
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeSizes(SizeReport sizes, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("sizes");
        json.writeNumberField("total", sizes.total());
        writeTotals("byType", sizes.current(), json);
        if (sizes.hasBaseline()) {
            json.writeObjectFieldStart("baseline");
            json.writeStringField("source", ReportText.printable(sizes.baselineName()));
            json.writeNumberField("total", sizes.baselineTotal());
            writeTotals("byType", sizes.baseline(), json);
            json.writeEndObject();
            writeChanges("grown", sizes.grown(), json);
            writeChanges("added", sizes.added(), json);
            writeChanges("removed", sizes.removed(), json);
        }
        json.writeEndObject();
    }

    private static void writeTotals(String name, Map<SizeCategory, Long> totals, JsonGenerator json)
            throws IOException {
        json.writeObjectFieldStart(name);
        for (SizeCategory category : SizeCategory.values()) {
            json.writeNumberField(category.id(), totals.getOrDefault(category, 0L));
        }
        json.writeEndObject();
    }

    private static void writeChanges(String name, List<FileChange> changes, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart(name);
        for (FileChange change : changes) {
            json.writeStartObject();
            json.writeStringField("file", ReportText.printable(change.path()));
            json.writeNumberField("before", change.before());
            json.writeNumberField("after", change.after());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
