package dev.zdd.migrate.measure;

import dev.zdd.migrate.Finding;
import dev.zdd.migrate.MeasuredMigration;
import dev.zdd.migrate.Measurements;
import dev.zdd.migrate.MigrationParser;
import dev.zdd.migrate.MigrationVersion;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.Suppressions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies migrations to a scratch PostgreSQL and reports what PostgreSQL really did to the tables that existed
 * before each one: the locks it took, whether it rewrote them, and how long that took on the rows present.
 *
 * <p>Everything runs in one transaction that is rolled back at the end, so the scratch database is left as it was
 * and the check can run again on every build. Each migration runs after its predecessors (which stay applied in
 * that transaction, so later migrations find the columns they need) behind a savepoint: a failing migration is
 * rolled back to its savepoint and the next ones still run. Locks are read from {@code pg_locks} after every
 * statement and compared with those held before it; a lock mode an earlier migration of the same run already holds
 * on the same table is therefore not seen again (PostgreSQL counts it once), which is why a scratch database
 * already migrated to the live version (Flyway's history is read, and those migrations skipped) measures best.
 */
public final class MigrationMeasurer {
    private static final Set<String> WRITE_BLOCKING = Set.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock");
    private static final String ACCESS_EXCLUSIVE = "AccessExclusiveLock";

    /**
     * What was measured.
     *
     * @param findings   the findings, in migration order
     * @param migrations every migration that ran, with its time and locks, findings or not
     * @param skipped    versions skipped because the scratch database's Flyway history has them
     * @param applied    every version that history records as applied, or null when the database has none
     */
    public record Result(List<Finding> findings, List<MeasuredMigration> migrations, List<String> skipped,
                         Set<MigrationVersion> applied) {
        /** How many migrations ran. */
        public int measured() {
            return migrations.size();
        }

        /** What the linter adds to its own findings. */
        public Measurements measurements() {
            return new Measurements(findings, migrations, applied);
        }
    }

    private final Connection connection;
    private final MigrationParser parser;
    private final Set<String> knownRules;
    private final String lockTimeout;

    /**
     * @param knownRules  every rule id, for the suppressions written in the SQL
     * @param lockTimeout how long a statement may wait for a lock on the scratch database ({@code 10s}): someone
     *                    else using it must not hang the build
     */
    public MigrationMeasurer(Connection connection, MigrationParser parser, Set<String> knownRules,
                             String lockTimeout) {
        this.connection = connection;
        this.parser = parser;
        this.knownRules = Set.copyOf(knownRules);
        this.lockTimeout = lockTimeout;
    }

    public Result measure(List<ParsedMigration> migrations) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        List<Finding> findings = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<MeasuredMigration> measured = new ArrayList<>();
        Set<MigrationVersion> applied;
        try {
            applied = appliedByFlyway();
            try (var s = connection.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + lockTimeout.replace("'", "''") + "'");
            }
            for (ParsedMigration migration : migrations) {
                if (applied != null && applied.contains(migration.script().version())) {
                    skipped.add(migration.script().version().toString());
                    continue;
                }
                measured.add(measure(migration, findings));
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return new Result(List.copyOf(findings), List.copyOf(measured), List.copyOf(skipped),
                applied == null ? null : Set.copyOf(applied));
    }

    /** Versions Flyway recorded as applied successfully in the scratch database, or null without Flyway's table. */
    private Set<MigrationVersion> appliedByFlyway() throws SQLException {
        Set<MigrationVersion> versions = new HashSet<>();
        String table;
        try (var s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('flyway_schema_history')::text")) {
            r.next();
            table = r.getString(1);
        }
        if (table == null) {
            return null;
        }
        try (var s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM " + table + " WHERE success AND version IS NOT NULL")) {
            while (r.next()) {
                versions.add(MigrationVersion.parse(r.getString(1)));
            }
        }
        return versions;
    }

    private MeasuredMigration measure(ParsedMigration migration, List<Finding> findings) throws SQLException {
        String file = migration.script().displayPath();
        TableSnapshot start = TableSnapshot.take(connection);
        Set<Long> existed = start.names().keySet();
        Savepoint savepoint = connection.setSavepoint();
        Summary summary = new Summary(file, migration.script().version().toString());
        for (Statement statement : migration.statements()) {
            Suppressions suppressions = new Suppressions(statement.source().comments(), knownRules, file);
            switch (statement.kind()) {
                case BEGIN, COMMIT, ROLLBACK -> {
                    // The measuring transaction stands in for the migration's own; ending it would commit.
                    continue;
                }
                default -> {
                }
            }
            if (parser.refusedInTransaction(statement)) {
                summary.notMeasured++;
                add(findings, suppressions, MeasuredRules.NOT_MEASURED, file, statement,
                        firstWords(statement) + " cannot run inside a transaction, so it was not run nor measured",
                        "it runs outside the migration's transaction; check it by hand on a copy of the data");
                continue;
            }
            TableSnapshot before = TableSnapshot.take(connection);
            long started = System.nanoTime();
            try (var s = connection.createStatement()) {
                s.execute(statement.source().text());
            } catch (SQLException e) {
                summary.nanos += System.nanoTime() - started;
                summary.failed = true;
                connection.rollback(savepoint);
                add(findings, suppressions, MeasuredRules.MIGRATION_FAILED, file, statement,
                        "PostgreSQL refused it on the scratch database: " + oneLine(e)
                                + "; the migration was rolled back and the next ones ran without it",
                        "fix the migration: it would fail the same way during the deploy");
                return summary.done();
            }
            long nanos = System.nanoTime() - started;
            long millis = nanos / 1_000_000;
            summary.nanos += nanos;
            summary.statements++;
            TableSnapshot after = TableSnapshot.take(connection);
            summary.add(existed, before, after);
            report(findings, suppressions, file, statement, existed, before, after, millis);
        }
        connection.releaseSavepoint(savepoint);
        return summary.done();
    }

    /** What one migration did, gathered statement by statement. */
    private static final class Summary {
        /** PostgreSQL's table lock modes, weakest first. */
        private static final List<String> STRENGTH = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
                "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
                ACCESS_EXCLUSIVE);
        final String file;
        final String version;
        long nanos;
        int statements;
        int notMeasured;
        boolean failed;
        final Map<String, Set<String>> locks = new TreeMap<>();
        final Set<String> rewritten = new TreeSet<>();

        Summary(String file, String version) {
            this.file = file;
            this.version = version;
        }

        /** The locks the statement took and the rewrites it did, on tables that existed before the migration. */
        void add(Set<Long> existed, TableSnapshot before, TableSnapshot after) {
            for (TableSnapshot.Lock lock : after.locks()) {
                String name = after.names().get(lock.table());
                if (name != null && existed.contains(lock.table()) && !before.locks().contains(lock)) {
                    locks.computeIfAbsent(name, n -> new TreeSet<>()).add(lock.mode());
                }
            }
            for (Long table : existed) {
                Long was = before.filenodes().get(table);
                Long now = after.filenodes().get(table);
                if (was != null && now != null && !was.equals(now)) {
                    rewritten.add(after.names().get(table));
                }
            }
        }

        MeasuredMigration done() {
            List<MeasuredMigration.TableLocks> tables = new ArrayList<>();
            locks.forEach((table, modes) -> tables.add(new MeasuredMigration.TableLocks(table, modes.stream()
                    .sorted(Comparator.comparingInt((String m) -> STRENGTH.indexOf(m)).reversed()).toList())));
            return new MeasuredMigration(file, version, Math.round(nanos / 10_000.0) / 100.0, statements, notMeasured, failed, List.copyOf(tables),
                    List.copyOf(rewritten));
        }
    }

    private void report(List<Finding> findings, Suppressions suppressions, String file, Statement statement,
                        Set<Long> existed, TableSnapshot before, TableSnapshot after, long millis)
            throws SQLException {
        Set<Long> rewritten = new HashSet<>();
        for (Long table : existed) {
            Long was = before.filenodes().get(table);
            Long now = after.filenodes().get(table);
            if (was != null && now != null && !was.equals(now)) {
                rewritten.add(table);
                String name = after.names().get(table);
                add(findings, suppressions, MeasuredRules.TABLE_REWRITE, file, statement,
                        "PostgreSQL rewrote " + name + " (" + rows(name) + ") in " + millis + " ms under an ACCESS"
                                + " EXCLUSIVE lock: on the live table, reads and writes wait as long as it takes",
                        "expand instead: add a new column without a volatile default, write both columns from the"
                                + " app, fill it with zdd:backfill, switch reads, drop the old one in a later release");
            }
        }
        for (TableSnapshot.Lock lock : after.locks()) {
            if (before.locks().contains(lock) || !existed.contains(lock.table()) || rewritten.contains(lock.table())) {
                continue;
            }
            String name = after.names().get(lock.table());
            if (name == null) {
                continue;
            }
            if (lock.mode().equals(ACCESS_EXCLUSIVE)) {
                add(findings, suppressions, MeasuredRules.ACCESS_EXCLUSIVE_LOCK, file, statement,
                        firstWords(statement) + " took an ACCESS EXCLUSIVE lock on " + name + " (" + rows(name)
                                + "), held " + millis + " ms here without a rewrite, then until the migration commits",
                        "keep it brief and safe to wait for: SET lock_timeout (e.g. '2s') before it and retry on"
                                + " timeout, and keep slow statements out of the same migration");
            } else if (WRITE_BLOCKING.contains(lock.mode())) {
                add(findings, suppressions, MeasuredRules.WRITE_BLOCKING_LOCK, file, statement,
                        firstWords(statement) + " took a " + lock.mode() + " on " + name + " (" + rows(name)
                                + ") for " + millis + " ms: writes to it wait until the migration commits",
                        "use CREATE INDEX CONCURRENTLY, or ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT in"
                                + " a later migration");
            }
        }
    }

    private String rows(String qualifiedName) throws SQLException {
        long rows = TableSnapshot.rows(connection, qualifiedName);
        return String.format(Locale.ROOT, "%,d row%s", rows, rows == 1 ? "" : "s");
    }

    private static void add(List<Finding> findings, Suppressions suppressions, RuleInfo rule, String file,
                            Statement statement, String message, String hint) {
        if (!suppressions.ignores(rule.id())) {
            findings.add(new Finding(file, statement.at().line(), statement.at().column(), rule.id(),
                    rule.severity(), message, hint));
        }
    }

    /** The statement's first words, to name it in a message ({@code ALTER TABLE}, {@code CREATE INDEX}). */
    private static String firstWords(Statement statement) {
        String[] words = statement.source().text().strip().split("\\s+", 4);
        return String.join(" ", List.of(words).subList(0, Math.min(words.length, 2)).stream()
                .map(w -> w.toUpperCase(Locale.ROOT)).toList());
    }

    private static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip() + (e.getSQLState() == null ? ""
                : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
