package dev.zdd.migrate.report;

import dev.zdd.migrate.LintResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every report file of a migration check into one folder. */
public final class MigrationReports {
    public static final String JSON = "migrations.json";
    public static final String SARIF = "migrations.sarif";
    public static final String JUNIT = "TEST-zdd-migrations.xml";

    private MigrationReports() {
    }

    /** @return the files written */
    public static List<Path> write(LintResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve(JSON);
        Path sarif = folder.resolve(SARIF);
        Path junit = folder.resolve(JUNIT);
        MigrationJsonReport.write(result, json);
        MigrationSarifReport.write(result, sarif);
        MigrationJUnitReport.write(result, junit);
        return List.of(json, sarif, junit);
    }
}
