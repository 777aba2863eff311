package dev.zdd.migrate.backfill;

import dev.zdd.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zdd:backfill's core against a real PostgreSQL 15, with other sessions writing and locking at the same time. */
class BackfillTest {
    /** Counts the updates of each row, so "no row twice" is checked, not assumed. */
    static final String SET = "email_lower = lower(email), times = times + 1, seq = nextval('backfill_order')";
    static final String WHERE = "email_lower IS NULL";
    private static PostgresServer postgres;

    private String database;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.startInBuildFolder("backfill");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void scratchDatabase(TestInfo test) {
        database = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        postgres.createDatabase(database);
    }

    /** {@code rows} users inserted in shuffled key order, so key order is not the order on disk. */
    private void users(int rows) throws SQLException {
        execute("CREATE SEQUENCE backfill_order; CREATE TABLE users (id int PRIMARY KEY, email text,"
                + " email_lower text, times int NOT NULL DEFAULT 0, seq bigint);"
                + " INSERT INTO users (id, email) SELECT g * 3, 'User' || g || '@Example.COM' FROM"
                + " generate_series(1, " + rows + ") g ORDER BY random()");
    }

    private BackfillOptions options(int batchSize, String pause) {
        return BackfillOptions.parse("users", SET, WHERE, batchSize, pause, "2s", 5, "30s", false);
    }

    @Test
    void fillsEveryRowInBatchesInKeyOrder() throws Exception {
        users(2500);
        RecordingBackfillListener listener = new RecordingBackfillListener();

        BackfillSummary summary = run(options(1000, "0ms"), listener);

        assertEquals(2500, summary.rowsToDo());
        assertEquals(2500, summary.rowsUpdated());
        assertEquals(3, summary.batches());
        assertEquals("public.users", summary.table());
        assertEquals(List.of(1000L, 2000L, 2500L), listener.progress.stream().map(p -> p.rowsDone()).toList());
        assertEquals(List.of(2500L), listener.rowsToDo);
        assertEquals(0, count("email_lower IS DISTINCT FROM lower(email)"));
        assertEquals(List.of(1L), longs("SELECT DISTINCT times FROM users"));
        // Batch k (by the order its rows were updated) holds ids 3000k+3 .. 3000(k+1): the smallest keys first.
        assertEquals(List.of(3L, 3000L, 3003L, 6000L, 6003L, 7500L), longs("SELECT unnest(ARRAY[min(id), max(id)])"
                + " FROM users GROUP BY (seq - 1) / 1000 ORDER BY (seq - 1) / 1000"), "batches in key order");
    }

    @Test
    void aFinishedBackfillRunAgainDoesNothingQuickly() throws Exception {
        users(3000);
        run(options(1000, "0ms"), new RecordingBackfillListener());

        BackfillSummary again = run(options(1000, "0ms"), new RecordingBackfillListener());

        assertEquals(0, again.rowsToDo());
        assertEquals(0, again.rowsUpdated());
        assertEquals(0, again.batches());
        assertTrue(again.elapsed().compareTo(Duration.ofSeconds(2)) < 0, again.toString());
        assertEquals(List.of(1L), longs("SELECT DISTINCT times FROM users"));
    }

    @Test
    void compositeAndTextKeysAreWalkedAsARow() throws Exception {
        execute("CREATE TABLE \"Orders\" (tenant text, n int, total int, doubled int, PRIMARY KEY (tenant, n));"
                + " INSERT INTO \"Orders\" SELECT 't' || (g % 7), g, g, NULL FROM generate_series(1, 1234) g");

        BackfillSummary summary = run(BackfillOptions.parse("\"Orders\"", "doubled = total * 2 + n - n",
                "doubled IS NULL", 100, "0ms", "2s", 5, "30s", false), new RecordingBackfillListener());

        assertEquals("public.\"Orders\"", summary.table());
        assertEquals(1234, summary.rowsUpdated());
        assertEquals(13, summary.batches());
        assertEquals(0, countIn("\"Orders\"", "doubled IS DISTINCT FROM total * 2"));
    }

    @Test
    void aDryRunCountsRowsAndBatchesAndChangesNothing() throws Exception {
        users(2500);

        BackfillSummary summary = run(BackfillOptions.parse("users", SET, WHERE, 1000, "auto", "2s", 5, "30s",
                true), new RecordingBackfillListener());

        assertTrue(summary.dryRun());
        assertEquals(2500, summary.rowsToDo());
        assertEquals(3, summary.batches());
        assertEquals(0, summary.rowsUpdated());
        assertEquals(2500, count(WHERE));
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefused() throws Exception {
        execute("CREATE TABLE loose (email text, email_lower text); INSERT INTO loose VALUES ('A', NULL)");

        BackfillException e = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse("loose",
                "email_lower = lower(email)", WHERE, 10, "0ms", "2s", 5, "30s", false),
                new RecordingBackfillListener()));

        assertTrue(e.getMessage().startsWith("zdd.table: public.loose has no primary key;"), e.getMessage());
        assertEquals(1, countIn("loose", WHERE));
    }

    @Test
    void anUnknownTableIsNamed() throws Exception {
        users(10);

        BackfillException e = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse("userz", SET,
                WHERE, 10, "0ms", "2s", 5, "30s", false), new RecordingBackfillListener()));

        assertTrue(e.getMessage().startsWith("zdd.table: no table 'userz' in this database"), e.getMessage());
        // The name is looked up, never pasted into SQL.
        BackfillException injected = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse(
                "users; DROP TABLE users", SET, WHERE, 10, "0ms", "2s", 5, "30s", false),
                new RecordingBackfillListener()));
        assertTrue(injected.getMessage().startsWith("zdd.table: "), injected.getMessage());
        assertEquals(10, count(WHERE));
    }

    @Test
    void anSqlErrorInSetFailsBeforeAnyRowChanges() throws Exception {
        users(2500);

        BackfillException e = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse("users",
                "email_lower = lowr(email)", WHERE, 1000, "0ms", "2s", 5, "30s", false),
                new RecordingBackfillListener()));

        assertTrue(e.getMessage().startsWith("zdd.set / zdd.where: PostgreSQL refuses UPDATE users SET"
                + " email_lower = lowr(email) WHERE email_lower IS NULL: "), e.getMessage());
        assertTrue(e.getMessage().contains("function lowr(text) does not exist"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was changed"), e.getMessage());
        assertEquals(2500, count(WHERE));
    }

    @Test
    void anErrorInALaterBatchKeepsTheBatchesBeforeIt() throws Exception {
        users(2500);

        // Division by zero on the row with id 3 * 1500 only: PostgreSQL cannot tell before it gets there.
        BackfillException e = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse("users",
                "email_lower = lower(email) || (1 / (id - 4500)), times = times + 1", WHERE, 1000, "0ms", "2s", 5,
                "30s", false), new RecordingBackfillListener()));

        assertTrue(e.getMessage().startsWith("a batch after key [3000] of public.users failed and was rolled back:"
                + " ERROR: division by zero"), e.getMessage());
        assertTrue(e.getMessage().contains("1000 row(s) done before it are kept"), e.getMessage());
        assertEquals(1500, count(WHERE));
    }

    @Test
    void aLockHeldByAnotherSessionIsWaitedOutWithRetries() throws Exception {
        users(1500);
        RecordingBackfillListener listener = new RecordingBackfillListener();
        try (Connection locker = postgres.connect(database); Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            // SHARE blocks writes, as CREATE INDEX without CONCURRENTLY does; reads (the count) still pass.
            s.execute("LOCK TABLE users IN SHARE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(800);
                    locker.rollback();
                } catch (Exception ignored) {
                    // The assertion on the backfill's outcome reports it.
                }
            });
            release.start();

            BackfillSummary summary = run(BackfillOptions.parse("users", SET, WHERE, 1000, "0ms", "100ms", 10,
                    "30s", false), listener);
            release.join();

            assertEquals(1500, summary.rowsUpdated());
            assertTrue(summary.retries() >= 2, summary.toString());
            assertEquals(summary.retries(), listener.backoffs.size());
            assertEquals(Duration.ofMillis(100), listener.backoffs.get(0));
            assertEquals(Duration.ofMillis(200), listener.backoffs.get(1));
        }
        assertEquals(0, count(WHERE));
    }

    @Test
    void aLockNeverReleasedGivesUpAfterTheRetriesWithNothingHalfDone() throws Exception {
        users(500);
        try (Connection locker = postgres.connect(database); Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            s.execute("LOCK TABLE users IN SHARE MODE");

            BackfillException e = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse("users",
                    SET, WHERE, 1000, "0ms", "50ms", 2, "30s", false), new RecordingBackfillListener()));

            assertTrue(e.getMessage().startsWith("gave up after 2 retries: each time a lock on users was not"
                    + " granted within zdd.lockTimeout (50 ms)"), e.getMessage());
            locker.rollback();
        }
        assertEquals(500, count(WHERE));
    }

    @Test
    void aBatchOverTheStatementTimeoutIsRolledBackWithAHint() throws Exception {
        users(20);
        execute("CREATE FUNCTION slow_lower(t text) RETURNS text AS $$ SELECT pg_sleep(0.05); SELECT lower(t) $$"
                + " LANGUAGE sql");

        BackfillException e = assertThrows(BackfillException.class, () -> run(BackfillOptions.parse("users",
                "email_lower = slow_lower(email)", WHERE, 10, "0ms", "2s", 5, "200ms", false),
                new RecordingBackfillListener()));

        assertTrue(e.getMessage().contains("ran longer than zdd.statementTimeout (200 ms)"), e.getMessage());
        assertEquals(20, count(WHERE));
    }

    @Test
    void concurrentWritersAreNeverBlockedLongAndEveryRowEndsUpFilled() throws Exception {
        users(20_000);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong slowestMillis = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try (Connection c = postgres.connect(database);
                     PreparedStatement update = c.prepareStatement("UPDATE users SET email = ?, email_lower ="
                             + " lower(?) WHERE id = ?");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, email, email_lower)"
                             + " VALUES (?, ?, lower(?))")) {
                    int next = 1_000_000 * (writer + 1);
                    while (running.get()) {
                        long started = System.nanoTime();
                        // The new release writes both columns, as expand/contract asks.
                        String email = "Changed" + next + "@X.ORG";
                        int id = 3 * ThreadLocalRandom.current().nextInt(1, 20_001);
                        update.setString(1, email);
                        update.setString(2, email);
                        update.setInt(3, id);
                        update.executeUpdate();
                        insert.setInt(1, next);
                        insert.setString(2, email);
                        insert.setString(3, email);
                        insert.executeUpdate();
                        next++;
                        writes.addAndGet(2);
                        slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        Thread.sleep(2);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            writers.add(t);
        }
        BackfillSummary summary;
        try {
            summary = run(options(500, "auto"), new RecordingBackfillListener());
        } finally {
            running.set(false);
            for (Thread t : writers) {
                t.join();
            }
        }

        assertEquals(List.of(), errors);
        assertTrue(writes.get() > 50, "the writers wrote during the backfill: " + writes);
        assertEquals(0, count(WHERE));
        assertEquals(0, count("email_lower IS DISTINCT FROM lower(email)"));
        assertTrue(summary.rowsUpdated() <= 20_000, summary.toString());
        assertEquals(List.of(0L, 1L), longs("SELECT DISTINCT times FROM users ORDER BY 1"));
        assertTrue(slowestMillis.get() < 1000, "slowest write took " + slowestMillis + " ms");
    }

    @Test
    void killedHalfWayItResumesAndNoRowIsUpdatedTwice() throws Exception {
        users(30_000);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BackfillChild.class.getName(), postgres.jdbcUrl(database), postgres.user(), "200", "10ms")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count("times = 1") < 3000) {
                assertTrue(child.isAlive(), () -> "the child exited before it was killed: " + child.exitValue());
                assertTrue(System.nanoTime() < deadline, "the child did not get going");
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertFalse(child.isAlive());
        assertEquals(137, child.exitValue(), "killed with SIGKILL");
        long leftAfterKill = count(WHERE);
        assertTrue(leftAfterKill > 0 && leftAfterKill < 30_000 - 2_900, "left after the kill: " + leftAfterKill);

        BackfillSummary resumed = run(options(1000, "0ms"), new RecordingBackfillListener());

        assertEquals(leftAfterKill, resumed.rowsToDo());
        assertEquals(leftAfterKill, resumed.rowsUpdated());
        assertEquals(0, count(WHERE));
        assertEquals(List.of(1L), longs("SELECT DISTINCT times FROM users"), "no row was updated twice");
    }

    private BackfillSummary run(BackfillOptions options, RecordingBackfillListener listener) throws Exception {
        try (Connection c = postgres.connect(database)) {
            return new Backfill(c, options, listener).run();
        }
    }

    private long count(String where) throws SQLException {
        return countIn("users", where);
    }

    private long countIn(String table, String where) throws SQLException {
        return longs("SELECT count(*) FROM " + table + " WHERE " + where).get(0);
    }

    private List<Long> longs(String query) throws SQLException {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            List<Long> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getLong(1));
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
