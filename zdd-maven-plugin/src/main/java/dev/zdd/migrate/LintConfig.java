package dev.zdd.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@link MigrationLinter} checks and how.
 *
 * @param folders         the migration folders, read together
 * @param base            the folder paths in reports are shown relative to (the project folder)
 * @param postgresVersion major version of the PostgreSQL the migrations run on
 * @param transactions    how each file is assumed to run
 * @param excludedRules   rule ids not to run
 * @param releasedVersion the version of the last migration already released (deployed), or null when unknown: the
 *                        migrations newer than it are the next release, checked together for a contract of what
 *                        an earlier one of them expands
 */
public record LintConfig(List<Path> folders, Path base, int postgresVersion, TransactionMode transactions,
                         Set<String> excludedRules, MigrationVersion releasedVersion) {
    public static final int DEFAULT_POSTGRES_VERSION = 15;

    /** Without knowing which migrations were released: expand-and-contract is then checked within each file. */
    public LintConfig(List<Path> folders, Path base, int postgresVersion, TransactionMode transactions,
                      Set<String> excludedRules) {
        this(folders, base, postgresVersion, transactions, excludedRules, null);
    }

    public LintConfig {
        folders = List.copyOf(folders);
        excludedRules = Set.copyOf(excludedRules);
        if (postgresVersion < 9 || postgresVersion > 99) {
            throw new IllegalArgumentException("zdd.postgresVersion: " + postgresVersion
                    + " is not a PostgreSQL major version");
        }
    }

    public static LintConfig of(List<Path> folders, Path base) {
        return new LintConfig(folders, base, DEFAULT_POSTGRES_VERSION, TransactionMode.FLYWAY, Set.of());
    }

    /** "15", "9.6", "16.2" → the major version (9.6 counts as 9). */
    public static int parsePostgresVersion(String value) {
        String v = value.trim();
        try {
            return Integer.parseInt(v.contains(".") ? v.substring(0, v.indexOf('.')) : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("zdd.postgresVersion: '" + value + "' is not a PostgreSQL version"
                    + " such as 15 or 9.6", e);
        }
    }
}
