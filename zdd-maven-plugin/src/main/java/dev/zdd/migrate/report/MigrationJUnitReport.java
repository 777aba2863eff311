package dev.zdd.migrate.report;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.LintedMigration;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JUnit XML with one test case per migration file, so CI test-report views show a migration with errors as a failed
 * test; warnings go to the system-out of a passing case.
 */
final class MigrationJUnitReport {
    private MigrationJUnitReport() {
    }

    static void write(LintResult result, Path file) throws IOException {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (LintedMigration m : result.migrations()) {
            byFile.put(m.script().displayPath(), new ArrayList<>());
        }
        for (Finding f : result.findings()) {
            byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        }
        long failures = byFile.values().stream().filter(MigrationJUnitReport::hasErrors).count();
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "zdd.check-migrations");
            xml.writeAttribute("tests", String.valueOf(byFile.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", result.millis() / 1000.0));
            for (Map.Entry<String, List<Finding>> entry : byFile.entrySet()) {
                List<Finding> findings = entry.getValue();
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "zdd.check-migrations");
                xml.writeAttribute("name", XmlText.of(entry.getKey()));
                xml.writeAttribute("time", "0");
                String text = findings.stream().map(f -> f.location() + ": " + f.severityName() + ": " + f.rule()
                        + ": " + f.message() + "\n    hint: " + f.hint()).collect(Collectors.joining("\n"));
                if (hasErrors(findings)) {
                    Finding first = findings.stream().filter(f -> f.severity() == Severity.ERROR).findFirst()
                            .orElseThrow();
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", first.rule());
                    xml.writeAttribute("message", XmlText.of(findings.size() + " finding(s): " + first));
                    xml.writeCharacters(XmlText.of(text));
                    xml.writeEndElement();
                } else if (!findings.isEmpty()) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(XmlText.of(text));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
