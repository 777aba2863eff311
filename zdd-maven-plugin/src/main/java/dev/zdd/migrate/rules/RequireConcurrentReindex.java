package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** REINDEX without CONCURRENTLY blocks writes (and reads that use the index). */
public final class RequireConcurrentReindex extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("require-concurrent-reindex", Severity.ERROR, "REINDEX without "
            + "CONCURRENTLY blocks writes (and reads that use the index).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.REINDEX && !s.concurrently() && migration.postgresVersion() >= 12) {
            reporter.report(s, s.at(), "REINDEX without CONCURRENTLY locks out writes, and reads that use the index,"
                    + " until it is done", "REINDEX ... CONCURRENTLY (PostgreSQL 12+), in a migration of its own");
        }
    }
}
