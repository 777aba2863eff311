package dev.zdd.plugin;

import dev.zdd.migrate.FailOn;
import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintConfig;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.MigrationLinter;
import dev.zdd.migrate.MigrationParser;
import dev.zdd.migrate.MigrationVersion;
import dev.zdd.migrate.TransactionMode;
import dev.zdd.migrate.db.PostgresConnector;
import dev.zdd.migrate.measure.MigrationMeasurer;
import dev.zdd.migrate.report.MigrationConsoleReport;
import dev.zdd.migrate.report.MigrationReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lints Flyway migrations for PostgreSQL: operations that lock or rewrite a live table, or break the release still
 * running, each with file, line, column, squawk's rule id where squawk has the rule, and what to do instead. Writes
 * migrations.json, migrations.sarif and TEST-zdd-migrations.xml, also when the build then fails. Runs without a
 * project, on any folder.
 */
@Mojo(name = "check-migrations", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CheckMigrationsMojo extends AbstractZddMojo {
    public static final String MIGRATIONS = "zdd.migrations";
    public static final String POSTGRES_VERSION = "zdd.postgresVersion";
    public static final String TRANSACTIONS = "zdd.transactions";
    public static final String FAIL_ON = "zdd.failOn";
    public static final String EXCLUDED_RULES = "zdd.excludedRules";
    public static final String REPORT_DIRECTORY = "zdd.reportDirectory";
    public static final String MIGRATION_DATABASE = "zdd.migrationDatabase";
    public static final String MIGRATION_SERVER_ID = "zdd.migrationServerId";
    public static final String MIGRATION_LOCK_TIMEOUT = "zdd.migrationLockTimeout";
    public static final String RELEASED_VERSION = "zdd.releasedVersion";
    /** Findings listed in the failure message; the reports have them all. */
    private static final int LISTED_IN_FAILURE = 10;

    /**
     * The folders holding Flyway versioned migrations (V1__create.sql, V2.1__add.sql, ...), comma-separated,
     * relative to the project
     * folder (or the working folder without a project); read together, in version order, subfolders included.
     */
    @Parameter(property = MIGRATIONS, defaultValue = "src/main/resources/db/migration")
    List<String> migrations;

    /** The major version of the PostgreSQL the migrations run on ({@code 15}, {@code 11}, {@code 9.6}). */
    @Parameter(property = POSTGRES_VERSION, defaultValue = "15")
    String postgresVersion;

    /**
     * How each file runs: {@code flyway} (one transaction per file, except a file holding a statement PostgreSQL
     * refuses in a transaction, such as CREATE INDEX CONCURRENTLY), {@code always} or {@code none}.
     */
    @Parameter(property = TRANSACTIONS, defaultValue = "flyway")
    String transactions;

    /** Findings that fail the build: {@code error}, {@code warning} (errors and warnings) or {@code none}. */
    @Parameter(property = FAIL_ON, defaultValue = "error")
    String failOn;

    /** Rule ids not to run, comma-separated, such as {@code prefer-robust-stmts,require-lock-timeout}. */
    @Parameter(property = EXCLUDED_RULES)
    List<String> excludedRules;

    /** Where the reports go. Default: <code>${project.build.directory}/zdd</code>. */
    @Parameter(property = REPORT_DIRECTORY)
    File reportDirectory;

    /**
     * Measured mode: the JDBC URL of a scratch PostgreSQL ({@code jdbc:postgresql://localhost:5432/scratch}). Each
     * migration is applied there after its predecessors, in one transaction that is rolled back, and the locks it
     * took, the tables it rewrote and how long that took are reported. Never the production database.
     */
    @Parameter(property = MIGRATION_DATABASE)
    String migrationDatabase;

    /** A settings.xml server entry (its id) with the scratch database's username and password (decrypted). */
    @Parameter(property = MIGRATION_SERVER_ID)
    String migrationServerId;

    /** How long a measured statement may wait for a lock on the scratch database before it counts as failed. */
    @Parameter(property = MIGRATION_LOCK_TIMEOUT, defaultValue = "10s")
    String migrationLockTimeout;

    /**
     * The version of the last migration already released (deployed), such as {@code 41} or {@code 2.3}. The
     * migrations newer than it are the next release; one of them that contracts what an earlier one of them expands
     * (drops a column an earlier file of the release added beside it, ...) is an expand-and-contract finding, as it
     * is within one file. Without it, each file is checked on its own.
     */
    @Parameter(property = RELEASED_VERSION)
    String releasedVersion;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter decrypter;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Path reports = BuildDirectory.orDefault(reportDirectory, project, "zdd");
        LintResult result;
        FailOn failing;
        try {
            failing = FailOn.parse(failOn);
            result = lint(config());
            MigrationReports.write(result, reports);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zdd:check-migrations: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new MojoFailureException("zdd:check-migrations: " + e.getFile() + ": " + e.getReason()
                    + " (set " + MIGRATIONS + ")", e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:check-migrations could not read or write files: "
                    + e.getMessage(), e);
        }
        List<Finding> failures = result.failures(failing);
        for (String line : MigrationConsoleReport.lines(result)) {
            if (failures.isEmpty()) {
                getLog().info(line);
            } else {
                getLog().error(line);
            }
        }
        getLog().info("zdd: reports in " + reports + " (" + MigrationReports.JSON + ", " + MigrationReports.SARIF
                + ", " + MigrationReports.JUNIT + ")");
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            // Workflow commands must start their line, so they bypass the Maven log's prefix.
            MigrationConsoleReport.githubAnnotations(result).forEach(System.out::println);
        }
        if (!failures.isEmpty()) {
            throw new MojoFailureException("zdd:check-migrations found " + failures.size() + " finding(s) that fail"
                    + " the build (" + FAIL_ON + "=" + failOn.trim() + "); see "
                    + reports.resolve(MigrationReports.JSON)
                    + "\n" + failures.stream().limit(LISTED_IN_FAILURE).map(f -> "  " + f + "\n      hint: " + f.hint())
                    .collect(Collectors.joining("\n")) + (failures.size() > LISTED_IN_FAILURE ? "\n  ..." : ""));
        }
    }

    private LintResult lint(LintConfig config) throws IOException, MojoFailureException, MojoExecutionException {
        MigrationLinter linter = new MigrationLinter(config);
        if (migrationDatabase == null || migrationDatabase.isBlank()) {
            return linter.lint();
        }
        DatabaseLogin login = DatabaseLogin.from(settings, decrypter, migrationServerId, MIGRATION_SERVER_ID);
        Connection connection;
        try {
            connection = PostgresConnector.connect(migrationDatabase, login.user(), login.password(),
                    MIGRATION_DATABASE);
        } catch (SQLException e) {
            throw new MojoFailureException("zdd:check-migrations: cannot connect to the scratch database "
                    + migrationDatabase + " (" + MIGRATION_DATABASE + "): " + e.getMessage(), e);
        }
        try (connection) {
            MigrationMeasurer measurer = new MigrationMeasurer(connection,
                    new MigrationParser(config.postgresVersion(), config.transactions()),
                    new HashSet<>(MigrationLinter.knownRuleIds()), migrationLockTimeout);
            return linter.lint(parsed -> {
                MigrationMeasurer.Result measured = measurer.measure(parsed);
                getLog().info("zdd: measured " + measured.measured() + " migration(s) on " + migrationDatabase
                        + (measured.skipped().isEmpty() ? "" : "; skipped " + measured.skipped().size()
                        + " already in its flyway_schema_history"));
                return measured.measurements();
            });
        } catch (SQLException e) {
            throw new MojoExecutionException("zdd:check-migrations: the scratch database " + migrationDatabase
                    + " failed while measuring: " + e.getMessage(), e);
        }
    }

    LintConfig config() {
        Path base = BuildDirectory.basedir(project);
        List<Path> folders = (migrations == null || migrations.isEmpty() ? List.of("src/main/resources/db/migration")
                : migrations).stream().filter(m -> !m.isBlank()).map(m -> base.resolve(m.trim())).toList();
        Set<String> excluded = new HashSet<>();
        if (excludedRules != null) {
            excludedRules.stream().map(String::trim).filter(r -> !r.isEmpty()).forEach(excluded::add);
        }
        return new LintConfig(folders, base, LintConfig.parsePostgresVersion(postgresVersion),
                TransactionMode.parse(transactions), excluded, released());
    }

    /** {@code 41}, {@code 2.3} or {@code V41}; null when not given. */
    private MigrationVersion released() {
        if (releasedVersion == null || releasedVersion.isBlank()) {
            return null;
        }
        String version = releasedVersion.trim();
        try {
            return MigrationVersion.parse(version.startsWith("V") || version.startsWith("v") ? version.substring(1)
                    : version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RELEASED_VERSION + ": '" + version + "' is not a Flyway migration"
                    + " version such as 41 or 2.3", e);
        }
    }
}
