package dev.zdd.bench;

import dev.zdd.testing.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Write latency while a column of a 1,000,000-row table is filled: idle, during zdd's backfill (a fresh
 * {@code mvn zdd:backfill} when the plugin is installed, else zdd's core in a JVM of its own), and during one naive
 * {@code UPDATE} of the whole table. The writers are open-loop: single-row updates due at a fixed rate, each timed
 * from when it was due, so a write stuck behind a lock counts for the whole wait, and the ones queued behind it too.
 */
final class BackfillBenchmark {
    static final int ROWS = 1_000_000;
    static final int WRITES_PER_SECOND = 200;
    static final int WRITER_CONNECTIONS = 16;
    static final long IDLE_SECONDS = 10;
    static final long WARM_UP_MILLIS = 3000;
    static final double GOAL = 2.0;
    private static final String SET = "email_lower = lower(email)";
    private static final String WHERE = "email_lower IS NULL";

    private BackfillBenchmark() {
    }

    /** Latencies of the writes due in one phase, in microseconds. */
    private static final class Phase {
        final String name;
        final List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong due = new AtomicLong();
        final AtomicLong finished = new AtomicLong();

        Phase(String name) {
            this.name = name;
        }

        /**
         * Waits for the writes due in this phase that are still running: the ones blocked longest finish only
         * after the blocker commits, and leaving them out would hide exactly what is measured.
         */
        void awaitWrites() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (finished.get() < due.get() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    static void run(Path dir, String plugin) throws Exception {
        System.out.println("zdd benchmark: backfill");
        Path folder = Files.createDirectories(dir.resolve("backfill"));
        // Before any timing: installing the plugin for mvn takes three Maven runs of its own.
        MavenGoal maven = MavenGoal.find(plugin, folder);
        try (PostgresServer postgres = PostgresServer.start(Files.createTempDirectory(folder, "postgres-"))) {
            postgres.createDatabase("bench");
            long started = System.nanoTime();
            execute(postgres, "CREATE TABLE bench (id bigint PRIMARY KEY, email text NOT NULL, email_lower text,"
                    + " touched int NOT NULL DEFAULT 0); INSERT INTO bench (id, email) SELECT g, 'User' || g ||"
                    + " '@Example.COM' FROM generate_series(1, " + ROWS + ") g");
            // VACUUM refuses to run in the implicit transaction of a multi-statement string.
            execute(postgres, "VACUUM ANALYZE bench");
            System.out.printf(Locale.ROOT, "  table: %,d rows (%s) in %.1f s; writers: %d single-row updates/s,"
                            + " open-loop, %d connections%n", ROWS, size(postgres),
                    (System.nanoTime() - started) / 1e9, WRITES_PER_SECOND, WRITER_CONNECTIONS);
            try (Writers writers = new Writers(postgres)) {
                // Warm-up, not recorded: each writer thread opens its connection on its first write.
                Thread.sleep(WARM_UP_MILLIS);
                Phase idle = new Phase("idle");
                writers.record(idle);
                Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
                writers.record(null);
                print(idle, null);

                Phase backfill = new Phase("zdd:backfill");
                String rate = backfill(postgres, folder, maven, writers, backfill);
                print(backfill, rate);

                writers.record(null);
                execute(postgres, "UPDATE bench SET email_lower = NULL");
                execute(postgres, "VACUUM bench");
                Thread.sleep(2000);
                Phase naive = new Phase("naive UPDATE");
                writers.record(naive);
                long naiveStarted = System.nanoTime();
                execute(postgres, "UPDATE bench SET " + SET + " WHERE " + WHERE);
                double naiveSeconds = (System.nanoTime() - naiveStarted) / 1e9;
                writers.record(null);
                print(naive, String.format(Locale.ROOT, "one statement, %.1f s, %,.0f rows/s", naiveSeconds,
                        ROWS / naiveSeconds));

                double ratio = percentile(backfill, 0.99) / Math.max(1, percentile(idle, 0.99));
                System.out.printf(Locale.ROOT, "  p99 during zdd:backfill / idle p99: %.2fx (goal: within %.0fx)"
                        + " %s; writes that failed: %d%n", ratio, GOAL, ratio <= GOAL ? "MET" : "NOT MET",
                        writers.failures.get());
            }
        }
    }

    /** Runs the backfill and records the writes due between its first batch and its end; returns its rate. */
    private static String backfill(PostgresServer postgres, Path folder, MavenGoal maven, Writers writers,
                                   Phase phase) throws Exception {
        String url = postgres.jdbcUrl("bench") + "?user=" + postgres.user();
        Path log = folder.resolve("backfill.log");
        Process process;
        String how;
        if (maven != null) {
            how = "fresh mvn zdd:backfill process";
            process = maven.start(folder, "backfill", List.of("zdd.jdbcUrl=" + url, "zdd.table=bench",
                    "zdd.set=" + SET, "zdd.where=" + WHERE), log);
        } else {
            how = "zdd's core in a JVM of its own (no installed plugin to run with mvn)";
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BackfillProcess.class.getName(), url, postgres.user(), "bench", SET, WHERE)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
        long launched = System.nanoTime();
        // The phase starts with zdd's first batch, not with Maven's start-up: otherwise idle seconds would
        // water the figures down.
        while (process.isAlive() && !zddIsWriting(postgres)) {
            Thread.sleep(5);
        }
        writers.record(phase);
        long first = System.nanoTime();
        process.waitFor();
        writers.record(null);
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the backfill failed (" + how + "):\n" + output);
        }
        String summary = output.lines().filter(l -> l.contains("zdd: backfilled ")).findFirst()
                .orElse("(no summary in " + log + ")").replaceFirst("^\\[INFO\\] ", "");
        long left = count(postgres, WHERE);
        if (left != 0) {
            throw new IllegalStateException("CHECK FAILED: " + left + " rows left after the backfill");
        }
        return String.format(Locale.ROOT, "%s; %.1f s from launch, %.1f s from its first batch; %s", how,
                (System.nanoTime() - launched) / 1e9, (System.nanoTime() - first) / 1e9, summary.strip());
    }

    private static boolean zddIsWriting(PostgresServer postgres) throws SQLException {
        try (Connection c = postgres.connect("bench"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'zdd'"
                     + " AND query LIKE 'WITH batch AS%'")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    /** Single-row updates due at a fixed rate, as the new release would write them (both columns). */
    private static final class Writers implements AutoCloseable {
        private final ExecutorService pool = Executors.newFixedThreadPool(WRITER_CONNECTIONS);
        private final ThreadLocal<PreparedStatement> statements = new ThreadLocal<>();
        private final List<Connection> connections = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<Phase> phase = new AtomicReference<>();
        private final AtomicLong failures = new AtomicLong();
        private final Thread dispatcher;
        private final PostgresServer postgres;
        private volatile boolean running = true;

        Writers(PostgresServer postgres) {
            this.postgres = postgres;
            dispatcher = new Thread(this::dispatch, "writer-dispatcher");
            dispatcher.start();
        }

        void record(Phase p) {
            phase.set(p);
        }

        private void dispatch() {
            long interval = TimeUnit.SECONDS.toNanos(1) / WRITES_PER_SECOND;
            long due = System.nanoTime();
            while (running) {
                due += interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                long dueAt = due;
                // The phase a write belongs to is the one current when it was due.
                Phase p = phase.get();
                if (p != null) {
                    p.due.incrementAndGet();
                }
                pool.execute(() -> write(dueAt, p));
            }
        }

        private void write(long dueAt, Phase p) {
            try {
                PreparedStatement update = statements.get();
                if (update == null) {
                    Connection c = postgres.connect("bench");
                    connections.add(c);
                    update = c.prepareStatement("UPDATE bench SET email = ?, email_lower = lower(?),"
                            + " touched = touched + 1 WHERE id = ?");
                    statements.set(update);
                }
                long id = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
                String email = "Changed" + id + "@Example.ORG";
                update.setString(1, email);
                update.setString(2, email);
                update.setLong(3, id);
                update.executeUpdate();
                if (p != null) {
                    p.micros.add((System.nanoTime() - dueAt) / 1000);
                }
            } catch (SQLException e) {
                failures.incrementAndGet();
            } finally {
                if (p != null) {
                    p.finished.incrementAndGet();
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            dispatcher.join();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing at the end of the benchmark; nothing depends on it.
                }
            }
        }
    }

    private static void print(Phase phase, String note) throws IOException, InterruptedException {
        phase.awaitWrites();
        System.out.printf(Locale.ROOT, "  %-13s writes %6d  p50 %8.2f ms  p99 %8.2f ms  max %8.1f ms  load %s%s%n",
                phase.name + ":", phase.micros.size(), percentile(phase, 0.50) / 1000.0,
                percentile(phase, 0.99) / 1000.0, percentile(phase, 1.0) / 1000.0, loadAverage(),
                note == null ? "" : "\n                (" + note + ")");
    }

    private static double percentile(Phase phase, double q) {
        long[] values;
        synchronized (phase.micros) {
            values = phase.micros.stream().mapToLong(Long::longValue).toArray();
        }
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        return values[(int) Math.min(values.length - 1, Math.ceil(q * values.length) - 1 < 0 ? 0
                : Math.ceil(q * values.length) - 1)];
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String size(PostgresServer postgres) throws SQLException {
        try (Connection c = postgres.connect("bench"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('bench'))")) {
            r.next();
            return r.getString(1);
        }
    }

    private static long count(PostgresServer postgres, String where) throws SQLException {
        try (Connection c = postgres.connect("bench"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM bench WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void execute(PostgresServer postgres, String sql) throws SQLException {
        try (Connection c = postgres.connect("bench"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
