package dev.zdd.migrate.measure;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.RuleInfo;

import java.util.List;

/** The rules of measured mode: what PostgreSQL did when the migration ran, not what the text suggests. */
public final class MeasuredRules {
    public static final RuleInfo TABLE_REWRITE = new RuleInfo("measured-table-rewrite", Severity.ERROR,
            "PostgreSQL rewrote a table that existed before the migration (its relfilenode changed), holding an"
                    + " ACCESS EXCLUSIVE lock for as long as the rewrite takes.");
    public static final RuleInfo ACCESS_EXCLUSIVE_LOCK = new RuleInfo("measured-access-exclusive-lock",
            Severity.WARNING, "The migration took an ACCESS EXCLUSIVE lock on a table that existed before it:"
            + " every read and write of the table waits behind it, and behind it while it waits.");
    public static final RuleInfo WRITE_BLOCKING_LOCK = new RuleInfo("measured-write-blocking-lock",
            Severity.WARNING, "The migration took a SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE lock on a table that"
            + " existed before it: writes to the table wait until the transaction ends.");
    public static final RuleInfo MIGRATION_FAILED = new RuleInfo("measured-migration-failed", Severity.ERROR,
            "The migration failed on the scratch database.");
    public static final RuleInfo NOT_MEASURED = new RuleInfo("measured-not-measured", Severity.INFO,
            "A statement PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY, ...) cannot be measured"
                    + " in a transaction that is rolled back, so it was not run.");

    private MeasuredRules() {
    }

    public static List<RuleInfo> all() {
        return List.of(TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, WRITE_BLOCKING_LOCK, MIGRATION_FAILED, NOT_MEASURED);
    }
}
