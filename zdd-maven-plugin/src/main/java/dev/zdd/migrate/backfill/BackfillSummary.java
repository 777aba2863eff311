package dev.zdd.migrate.backfill;

import java.time.Duration;

/**
 * What a backfill did (or, in a dry run, would do).
 *
 * @param table       the table, as the catalog names it
 * @param rowsToDo    rows that matched {@code where} at the start
 * @param rowsUpdated rows this run updated (0 in a dry run)
 * @param batches     batches committed, or in a dry run the batches it would take
 * @param retries     batches tried again after a lock timeout
 * @param elapsed     the time it took
 * @param dryRun      whether nothing was changed
 */
public record BackfillSummary(String table, long rowsToDo, long rowsUpdated, long batches, int retries,
                              Duration elapsed, boolean dryRun) {
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsUpdated / seconds;
    }
}
