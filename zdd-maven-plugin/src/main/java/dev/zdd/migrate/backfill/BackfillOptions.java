package dev.zdd.migrate.backfill;

import java.time.Duration;

/**
 * What to fill and how gently.
 *
 * @param table            the table, as SQL names it ({@code users}, {@code app.users}, {@code "Users"})
 * @param set              the SET list, SQL by design ({@code email_lower = lower(email)})
 * @param where            which rows still need it, SQL by design ({@code email_lower IS NULL}); the truth about
 *                         what is left, so a second run resumes without any state of ours
 * @param batchSize        rows per batch, each batch one short transaction
 * @param pause            the wait between batches
 * @param lockTimeout      how long one batch may wait for a lock before it is retried
 * @param retries          lock timeouts in a row a batch may have before the backfill gives up
 * @param statementTimeout how long one batch may run
 * @param dryRun           count rows and batches, change nothing
 */
public record BackfillOptions(String table, String set, String where, int batchSize, Pause pause,
                             Duration lockTimeout, int retries, Duration statementTimeout, boolean dryRun) {
    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final String DEFAULT_LOCK_TIMEOUT = "2s";
    public static final int DEFAULT_RETRIES = 5;
    public static final String DEFAULT_STATEMENT_TIMEOUT = "30s";

    public BackfillOptions {
        table = required(table, "zdd.table", "the table to fill, such as users");
        set = required(set, "zdd.set", "the SET list, such as email_lower = lower(email)");
        where = required(where, "zdd.where", "the rows that still need it, such as email_lower IS NULL");
        if (batchSize < 1) {
            throw new IllegalArgumentException("zdd.batchSize: " + batchSize + " must be at least 1");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("zdd.retries: " + retries + " must not be negative");
        }
        if (lockTimeout.isZero() || statementTimeout.isZero()) {
            // 0 means "wait forever" to PostgreSQL: exactly what a backfill on a live table must not do.
            throw new IllegalArgumentException("zdd.lockTimeout and zdd.statementTimeout must be more than 0");
        }
    }

    /** Options from the texts users write, with the defaults for what is null. */
    public static BackfillOptions parse(String table, String set, String where, Integer batchSize, String pause,
                                        String lockTimeout, Integer retries, String statementTimeout,
                                        boolean dryRun) {
        return new BackfillOptions(table, set, where, batchSize == null ? DEFAULT_BATCH_SIZE : batchSize,
                Pause.parse(pause),
                Millis.parse(lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout, "zdd.lockTimeout"),
                retries == null ? DEFAULT_RETRIES : retries,
                Millis.parse(statementTimeout == null ? DEFAULT_STATEMENT_TIMEOUT : statementTimeout,
                        "zdd.statementTimeout"), dryRun);
    }

    private static String required(String value, String property, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is required: " + example);
        }
        return value.strip();
    }
}
