package dev.zdd.migrate.backfill;

import java.time.Duration;

/** What a backfill tells the one running it; the mojo turns it into Maven log lines. */
public interface BackfillListener {
    /** Before the first batch: the rows that match {@code where} now. */
    void started(String table, long rowsToDo);

    /** After each committed batch. */
    void batchDone(Progress progress);

    /** A batch waited longer than {@code zdd.lockTimeout} for a lock; it is tried again after {@code backoff}. */
    void lockTimeout(int attempt, int retries, Duration backoff);

    /**
     * Where a backfill stands.
     *
     * @param rowsDone  rows updated by this run so far
     * @param rowsToDo  rows that matched {@code where} when it started
     * @param batches   batches committed
     * @param elapsed   since the first batch started
     */
    record Progress(long rowsDone, long rowsToDo, long batches, Duration elapsed) {
        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : rowsDone / seconds;
        }

        /** The time left at the rate so far; unknown (null) before the first rows. */
        public Duration eta() {
            double rate = rowsPerSecond();
            return rate <= 0 ? null : Duration.ofMillis((long) (Math.max(0, rowsToDo - rowsDone) / rate * 1000));
        }
    }
}
