package dev.zdd.hasher.check;

import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * JUnit XML with one test case per check, so CI systems that read test reports show a failed check as a failed
 * test, with its problems as the failure text. Warnings go to system-out of a passing case.
 */
final class CheckJUnitReport {
    private CheckJUnitReport() {
    }

    static void write(CheckResult result, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            long failures = result.checks().stream().filter(k -> hasErrors(result.problems(k))).count();
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "zdd.check");
            xml.writeAttribute("tests", String.valueOf(result.checks().size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(result.statistics().millis()));
            for (ProblemKind kind : result.checks()) {
                List<Diagnostic> problems = result.problems(kind);
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "zdd.check");
                xml.writeAttribute("name", kind.id() + ": " + kind.description());
                xml.writeAttribute("time", "0");
                String text = problems.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
                if (hasErrors(problems)) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", kind.id());
                    xml.writeAttribute("message", problems.size() + " problem(s): " + problems.get(0));
                    xml.writeCharacters(text);
                    xml.writeEndElement();
                } else if (!problems.isEmpty()) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(text);
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
            throw new IOException(e.getMessage(), e);
        }
    }

    private static boolean hasErrors(List<Diagnostic> problems) {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
