package dev.zdd.hasher.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every report file of a check into one folder. */
public final class CheckReports {
    public static final String JSON = "check.json";
    public static final String JUNIT = "TEST-zdd-check.xml";
    public static final String HTML = "check.html";

    private CheckReports() {
    }

    /** @return the files written */
    public static List<Path> write(CheckResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve(JSON);
        Path junit = folder.resolve(JUNIT);
        Path html = folder.resolve(HTML);
        write(json, file -> CheckJsonReport.write(result, file));
        write(junit, file -> CheckJUnitReport.write(result, file));
        write(html, file -> CheckHtmlReport.write(result, file));
        return List.of(json, junit, html);
    }

    private interface Writer {
        void write(Path file) throws IOException;
    }

    /** Runs {@code writer}; any failure names the file it was writing. */
    private static void write(Path file, Writer writer) throws IOException {
        try {
            writer.write(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException("could not write " + file + ": " + e, e);
        }
    }
}
