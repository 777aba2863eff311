package dev.zdd.migrate.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a column of a live table in small batches, each its own short transaction, walking the primary key.
 *
 * <p>It keeps no state of its own: {@code where} says which rows are left, so a run killed at any point (even with
 * SIGKILL: PostgreSQL rolls back the batch in flight) is resumed by running it again, and no row is updated twice
 * as long as {@code set} makes {@code where} false. Each batch sets {@code lock_timeout} and
 * {@code statement_timeout} for itself; a lock timeout is retried with a growing pause, because the lock is
 * usually held by something short (a migration, a long transaction ending).
 */
public final class Backfill {
    /** SQLSTATE lock_not_available: lock_timeout expired. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATE query_canceled: statement_timeout expired. */
    static final String QUERY_CANCELED = "57014";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Connection connection;
    private final BackfillOptions options;
    private final BackfillListener listener;
    private final Sleeper sleeper;
    private int retriesSoFar;

    /** Waits between batches; a test may wait differently, the real one sleeps. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Backfill(Connection connection, BackfillOptions options, BackfillListener listener) {
        this(connection, options, listener, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    Backfill(Connection connection, BackfillOptions options, BackfillListener listener, Sleeper sleeper) {
        this.connection = connection;
        this.options = options;
        this.listener = listener;
        this.sleeper = sleeper;
    }

    public BackfillSummary run() throws BackfillException, SQLException, InterruptedException {
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        KeyedTable table = inTransaction(false, () -> KeyedTable.find(connection, options.table()));
        BatchSql sql = new BatchSql(table, options.set(), options.where());
        inTransaction(false, () -> {
            check(sql);
            return null;
        });
        long toDo = inTransaction(false, () -> count(sql));
        if (options.dryRun()) {
            long batches = (toDo + options.batchSize() - 1) / options.batchSize();
            return new BackfillSummary(table.name(), toDo, 0, batches, retriesSoFar, since(started), true);
        }
        if (toDo == 0) {
            // Done already (or nothing to do): return at once rather than walk an empty key range.
            return new BackfillSummary(table.name(), 0, 0, 0, retriesSoFar, since(started), false);
        }
        listener.started(table.name(), toDo);
        long firstBatch = System.nanoTime();
        long done = 0;
        long batches = 0;
        List<String> cursor = null;
        while (true) {
            long batchStarted = System.nanoTime();
            List<String> from = cursor;
            Batch batch;
            try {
                batch = inTransaction(true, () -> batch(sql, from));
            } catch (SQLException e) {
                throw new BackfillException("a batch " + (from == null ? "at the start" : "after key " + from)
                        + " of " + table.name() + " failed and was rolled back: " + oneLine(e) + "; " + done
                        + " row(s) done before it are kept (each batch commits alone): fix it and run again to"
                        + " continue", e);
            }
            Duration took = since(batchStarted);
            if (batch == null) {
                break;
            }
            done += batch.updated();
            batches++;
            cursor = batch.lastKey();
            listener.batchDone(new BackfillListener.Progress(done, toDo, batches, since(firstBatch)));
            sleeper.sleep(options.pause().after(took));
        }
        return new BackfillSummary(table.name(), toDo, done, batches, retriesSoFar, since(started), false);
    }

    /** A committed batch: rows updated and the last key it reached (as text, one per key column). */
    private record Batch(long updated, List<String> lastKey) {
    }

    private Batch batch(BatchSql sql, List<String> cursor) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql.batch(cursor != null))) {
            int p = 1;
            if (cursor != null) {
                for (String key : cursor) {
                    s.setString(p++, key);
                }
            }
            s.setInt(p, options.batchSize());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                List<String> last = new ArrayList<>();
                for (int i = 2; i <= r.getMetaData().getColumnCount(); i++) {
                    last.add(r.getString(i));
                }
                return new Batch(r.getLong(1), last);
            }
        }
    }

    private void check(BatchSql sql) throws SQLException, BackfillException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql.explain());
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            throw new BackfillException("zdd.set / zdd.where: PostgreSQL refuses UPDATE " + options.table() + " SET "
                    + options.set() + " WHERE " + options.where() + ": " + oneLine(e) + "; nothing was changed", e);
        }
    }

    private long count(BatchSql sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql.count())) {
            r.next();
            return r.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException, BackfillException;
    }

    /**
     * Runs {@code work} in its own transaction with this backfill's lock timeout (and, for batches, statement
     * timeout), committed; a lock timeout is rolled back and tried again after a pause that doubles each time.
     */
    private <T> T inTransaction(boolean timed, Work<T> work) throws SQLException, BackfillException,
            InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                try (PreparedStatement s = connection.prepareStatement(
                        "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true)")) {
                    s.setString(1, options.lockTimeout().toMillis() + "ms");
                    s.setString(2, timed ? options.statementTimeout().toMillis() + "ms" : "0");
                    s.execute();
                }
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                if (QUERY_CANCELED.equals(e.getSQLState())) {
                    throw new BackfillException("a batch of " + options.batchSize() + " rows ran longer than"
                            + " zdd.statementTimeout (" + options.statementTimeout().toMillis() + " ms) and was rolled"
                            + " back: lower zdd.batchSize, or check that zdd.where can use an index with the primary"
                            + " key; rows done so far are kept, run again to continue", e);
                }
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                attempt++;
                if (attempt > options.retries()) {
                    throw new BackfillException("gave up after " + options.retries() + " retries: each time a lock"
                            + " on " + options.table() + " was not granted within zdd.lockTimeout ("
                            + options.lockTimeout().toMillis() + " ms), held by another session (see pg_locks);"
                            + " rows done so far are kept, run again to continue", e);
                }
                retriesSoFar++;
                Duration backoff = backoff(attempt);
                listener.lockTimeout(attempt, options.retries(), backoff);
                sleeper.sleep(backoff);
            } catch (BackfillException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        }
    }

    private static Duration backoff(int attempt) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone; the server has rolled back already, and the first error tells the story.
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
