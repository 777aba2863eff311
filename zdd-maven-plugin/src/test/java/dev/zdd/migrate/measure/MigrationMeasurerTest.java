package dev.zdd.migrate.measure;

import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintConfig;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.MeasuredMigration;
import dev.zdd.migrate.MigrationLinter;
import dev.zdd.migrate.MigrationParser;
import dev.zdd.migrate.TransactionMode;
import dev.zdd.migrate.report.MigrationConsoleReport;
import dev.zdd.migrate.report.MigrationReports;
import dev.zdd.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Measured mode against a real PostgreSQL 15: what it locks and rewrites, not what the SQL text suggests. */
class MigrationMeasurerTest {
    private static final String USERS = """
            CREATE TABLE users (id int PRIMARY KEY, email varchar(10), n int);
            INSERT INTO users SELECT g, 'u' || g, g FROM generate_series(1, 1000) g;
            """;
    private static PostgresServer postgres;

    @TempDir
    Path folder;

    private String database;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.startInBuildFolder("measure");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A database per test holding a users table with 1,000 rows, as a scratch copy of production would. */
    @BeforeEach
    void scratchDatabase(TestInfo test) throws SQLException {
        database = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        postgres.createDatabase(database);
        execute(USERS);
    }

    @Test
    void aVolatileDefaultRewritesTheTable() throws Exception {
        List<Finding> found = measure("ALTER TABLE users ADD COLUMN token float8 DEFAULT random();");

        assertEquals(List.of("measured-table-rewrite"), rules(found), found::toString);
        Finding rewrite = found.get(0);
        assertEquals("V2__change.sql", rewrite.file().substring(rewrite.file().lastIndexOf('/') + 1));
        assertEquals(1, rewrite.line());
        assertEquals(1, rewrite.column());
        assertTrue(rewrite.message().startsWith("PostgreSQL rewrote public.users (1,000 rows) in "), rewrite.message());
    }

    @Test
    void aStableDefaultTakesTheLockWithoutARewrite() throws Exception {
        // now() is STABLE: PostgreSQL 11+ stores it once in the catalog; the static rule cannot tell it from random().
        List<Finding> found = measure("ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now();");

        assertEquals(List.of("measured-access-exclusive-lock"), rules(found), found::toString);
    }

    @Test
    void changingIntToBigintRewrites() throws Exception {
        List<Finding> found = measure("SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN n TYPE bigint;");

        assertEquals(List.of("measured-table-rewrite"), rules(found), found::toString);
        assertEquals(2, found.get(0).line());
    }

    @Test
    void addingAColumnTakesAnAccessExclusiveLockWithoutRewrite() throws Exception {
        List<Finding> found = measure("ALTER TABLE users ADD COLUMN name text;");

        assertEquals(List.of("measured-access-exclusive-lock"), rules(found), found::toString);
        assertTrue(found.get(0).message().startsWith("ALTER TABLE took an ACCESS EXCLUSIVE lock on public.users"
                + " (1,000 rows), held "), found.get(0).message());
    }

    @Test
    void wideningAVarcharIsBinaryCoercibleAndDoesNotRewrite() throws Exception {
        List<Finding> found = measure("ALTER TABLE users ALTER COLUMN email TYPE varchar(20);");

        assertFalse(rules(found).contains("measured-table-rewrite"), found::toString);
        assertEquals(List.of("measured-access-exclusive-lock"), rules(found), found::toString);
    }

    @Test
    void aPlainIndexBlocksWritesAndAConcurrentOneIsNotMeasured() throws Exception {
        List<Finding> plain = measure("CREATE INDEX users_n ON users (n);");
        assertEquals(List.of("measured-write-blocking-lock"), rules(plain), plain::toString);
        assertTrue(plain.get(0).message().contains("ShareLock on public.users"), plain.get(0).message());

        List<Finding> concurrent = measure("CREATE INDEX CONCURRENTLY users_n2 ON users (n);");
        assertEquals(List.of("measured-not-measured"), rules(concurrent), concurrent::toString);
        assertEquals("info", concurrent.get(0).severityName());
    }

    @Test
    void aFailingMigrationIsAFindingWithPostgresMessageAndTheNextStillRuns() throws Exception {
        write("V2__bad.sql", "ALTER TABLE users ADD COLUMN a int;\n\nALTER TABLE users DROP COLUMN nope;\n");
        write("V3__next.sql", "ALTER TABLE users ALTER COLUMN n TYPE bigint;\n");

        List<Finding> found = measured(lint());

        assertEquals(List.of("measured-access-exclusive-lock", "measured-migration-failed", "measured-table-rewrite"),
                rules(found), found::toString);
        Finding failed = found.get(1);
        assertEquals(3, failed.line());
        assertEquals("error", failed.severityName());
        assertTrue(failed.message().contains("column \"nope\" of relation \"users\" does not exist"), failed.message());
        assertTrue(failed.message().contains("SQLSTATE 42703"), failed.message());
        assertEquals(List.of("id", "email", "n"), columns(), "everything is rolled back; the scratch database is"
                + " as it was");
        assertEquals("integer", typeOfN());
    }

    @Test
    void laterMigrationsSeeTheirPredecessors() throws Exception {
        write("V2__add.sql", "ALTER TABLE users ADD COLUMN email_lower text;\n");
        write("V3__index.sql", "CREATE INDEX users_email_lower ON users (email_lower);\n");

        List<Finding> found = measured(lint());

        assertEquals(List.of("measured-access-exclusive-lock", "measured-write-blocking-lock"), rules(found),
                found::toString);
        assertEquals(List.of("id", "email", "n"), columns());
    }

    @Test
    void migrationsInFlywaysHistoryAreSkipped() throws Exception {
        execute("CREATE TABLE flyway_schema_history (version varchar(50), success boolean);"
                + " INSERT INTO flyway_schema_history VALUES ('1', true), ('2', true), ('3', false);");
        write("V1__users.sql", USERS);
        write("V2__n.sql", "ALTER TABLE users ALTER COLUMN n TYPE bigint;\n");
        write("V3__name.sql", "ALTER TABLE users ADD COLUMN name text;\n");

        List<Finding> found = measured(lint());

        assertEquals(List.of("measured-access-exclusive-lock"), rules(found), found::toString);
        assertTrue(found.get(0).file().endsWith("V3__name.sql"), found::toString);
    }

    @Test
    void aMeasuredFindingCanBeSuppressedWithAReason() throws Exception {
        List<Finding> found = measure("-- zdd:ignore measured-access-exclusive-lock empty table in every release\n"
                + "ALTER TABLE users ADD COLUMN name text;");

        assertEquals(List.of(), rules(found));
    }

    @Test
    void measuredFindingsReachTheReports() throws Exception {
        write("V2__n.sql", "ALTER TABLE users ALTER COLUMN n TYPE bigint;\n");
        LintResult result = lint();
        Path reports = folder.resolve("reports");
        MigrationReports.write(result, reports);

        assertTrue(Files.readString(reports.resolve("migrations.json")).contains("\"measured-table-rewrite\""));
        assertTrue(Files.readString(reports.resolve("migrations.sarif")).contains("\"measured-table-rewrite\""));
        assertTrue(Files.readString(reports.resolve("TEST-zdd-migrations.xml")).contains("measured-table-rewrite"));
    }

    @Test
    void everyMeasuredMigrationIsReportedWithItsTimeAndLocksAlsoWithoutAFinding() throws Exception {
        write("V2__name.sql", "-- zdd:ignore measured-access-exclusive-lock the lock is brief here\n"
                + "ALTER TABLE users ADD COLUMN name text;\n");
        write("V3__tags.sql", "CREATE TABLE tags (id bigint);\nINSERT INTO tags VALUES (1);\n");
        write("V4__index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_n ON users (n);\n");
        LintResult result = lint();

        assertEquals(List.of(), rules(measured(result).stream()
                .filter(f -> !f.rule().equals("measured-not-measured")).toList()), "no finding but the index");
        List<MeasuredMigration> runs = result.measured();
        assertEquals(List.of("2", "3", "4"), runs.stream().map(MeasuredMigration::version).toList());
        MeasuredMigration name = runs.get(0);
        assertEquals(List.of(new MeasuredMigration.TableLocks("public.users", List.of("AccessExclusiveLock"))),
                name.locks());
        assertEquals(List.of(), name.rewritten());
        assertEquals(1, name.statements());
        assertTrue(name.millis() > 0, () -> "a measured time: " + name);
        assertEquals(List.of(), runs.get(1).locks(), "the new table was nobody's yet");
        assertEquals(2, runs.get(1).statements());
        assertEquals(1, runs.get(2).notMeasured());

        Path reports = folder.resolve("reports");
        MigrationReports.write(result, reports);
        String json = Files.readString(reports.resolve("migrations.json"));
        assertTrue(json.contains("\"measured\""), json);
        assertTrue(json.contains("\"file\" : \"db/V2__name.sql\"") && json.contains("\"AccessExclusiveLock\""),
                json);
        List<String> console = MigrationConsoleReport.lines(result);
        assertTrue(console.stream().anyMatch(l -> l.startsWith("measured db/V2__name.sql: ")
                && l.contains("locks: public.users AccessExclusiveLock; rewrote: nothing")), console::toString);
        assertTrue(console.stream().anyMatch(l -> l.startsWith("measured db/V3__tags.sql: ")
                && l.contains("2 statement(s); locks: none on existing tables")), console::toString);
    }

    @Test
    void withoutAReleasedVersionTheMigrationsFlywayHasNotAppliedAreTheRelease() throws Exception {
        execute("CREATE TABLE flyway_schema_history (version varchar(50), success boolean);"
                + " INSERT INTO flyway_schema_history VALUES ('1', true), ('2', true);");
        write("V1__users.sql", USERS);
        write("V2__name.sql", "ALTER TABLE users ADD COLUMN name text;\n");
        write("V3__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
        write("V4__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");

        List<Finding> found = lint().findings().stream().filter(f -> f.rule().equals("expand-and-contract"))
                .toList();

        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).file().endsWith("V4__drop_email.sql"), found::toString);
        assertTrue(found.get(0).message().contains("V3__nickname.sql:1:19 adds users.nickname")
                && found.get(0).message().contains("flyway_schema_history"), found.get(0).message());
    }

    @Test
    void withoutFlywaysHistoryTheReleaseIsUnknownAndFilesAreCheckedAlone() throws Exception {
        write("V2__name.sql", "ALTER TABLE users ADD COLUMN name text;\n");
        write("V3__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");

        assertTrue(lint().findings().stream().noneMatch(f -> f.rule().equals("expand-and-contract")));
    }

    @Test
    void aRewriteIsInTheMigrationsSummary() throws Exception {
        write("V2__n.sql", "ALTER TABLE users ALTER COLUMN n TYPE bigint;\n");
        MeasuredMigration run = lint().measured().get(0);
        assertEquals(List.of("public.users"), run.rewritten());
        assertEquals("AccessExclusiveLock", run.locks().get(0).modes().get(0), run::toString);
    }

    private List<Finding> measure(String sql) throws Exception {
        Path file = write("V2__change.sql", sql + "\n");
        try {
            return measured(lint());
        } finally {
            Files.delete(file);
        }
    }

    private Path write(String name, String sql) throws Exception {
        Path file = folder.resolve("db").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, sql);
    }

    private LintResult lint() throws Exception {
        LintConfig config = new LintConfig(List.of(folder.resolve("db")), folder, 15, TransactionMode.FLYWAY,
                java.util.Set.of());
        try (Connection c = postgres.connect(database)) {
            MigrationMeasurer measurer = new MigrationMeasurer(c, new MigrationParser(15, TransactionMode.FLYWAY),
                    new HashSet<>(MigrationLinter.knownRuleIds()), "5s");
            return new MigrationLinter(config).lint(parsed -> measurer.measure(parsed).measurements());
        }
    }

    private static List<Finding> measured(LintResult result) {
        return result.findings().stream().filter(f -> f.rule().startsWith("measured-")).toList();
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    private List<String> columns() throws SQLException {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
                + " ORDER BY ordinal_position");
    }

    private String typeOfN() throws SQLException {
        return strings("SELECT data_type FROM information_schema.columns WHERE table_name = 'users'"
                + " AND column_name = 'n'").get(0);
    }

    private List<String> strings(String query) throws SQLException {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            List<String> values = new java.util.ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
