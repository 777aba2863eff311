package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/**
 * VACUUM FULL and CLUSTER rewrite the table under an ACCESS EXCLUSIVE lock. squawk reports them only from PostgreSQL
 * 19, which brings REPACK CONCURRENTLY; the lock is the same before it, so zdd reports them on every version and
 * only the way out differs.
 */
public final class PreferRepack extends StatementRule {
    static final int REPACK_SINCE = 19;
    static final RuleInfo INFO = new RuleInfo("prefer-repack", Severity.ERROR, "VACUUM FULL and CLUSTER rewrite the"
            + " table under an ACCESS EXCLUSIVE lock: reads and writes wait until they are done.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        boolean vacuumFull = s.kind() == Statement.Kind.VACUUM && s.clause() != null;
        if (!vacuumFull && s.kind() != Statement.Kind.CLUSTER) {
            return;
        }
        String what = vacuumFull ? "VACUUM FULL" : "CLUSTER";
        reporter.report(s, vacuumFull ? s.clause() : s.at(), what + " rewrites the table under an ACCESS EXCLUSIVE"
                        + " lock: every read and write of it waits until the rewrite is done",
                migration.postgresVersion() >= REPACK_SINCE
                        ? "REPACK (CONCURRENTLY) <table>" + (vacuumFull ? "" : " USING INDEX <index>")
                        + ": the same rewrite without blocking reads and writes"
                        : "not from a migration: on PostgreSQL " + REPACK_SINCE + "+ use REPACK (CONCURRENTLY);"
                        + " before that, the pg_repack extension rewrites without the long lock");
    }
}
