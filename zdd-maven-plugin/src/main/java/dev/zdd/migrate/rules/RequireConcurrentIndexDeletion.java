package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table. */
public final class RequireConcurrentIndexDeletion extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("require-concurrent-index-deletion", Severity.ERROR, "DROP INDEX "
            + "without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.DROP_INDEX && !s.concurrently()) {
            reporter.report(s, s.at(), "dropping an index without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its"
                    + " table, blocking reads and writes", "DROP INDEX CONCURRENTLY IF EXISTS, in a migration of its"
                    + " own (it cannot run in a transaction)");
        }
    }
}
