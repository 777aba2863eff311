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
        CheckJsonReport.write(result, json);
        CheckJUnitReport.write(result, junit);
        CheckHtmlReport.write(result, html);
        return List.of(json, junit, html);
    }
}
