package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** CREATE INDEX without CONCURRENTLY blocks writes while the index is built. */
public final class RequireConcurrentIndexCreation extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("require-concurrent-index-creation", Severity.ERROR, "CREATE INDEX "
            + "without CONCURRENTLY blocks writes while the index is built.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.CREATE_INDEX && !s.concurrently()
                && !migration.createdInTransaction(s.table())) {
            reporter.report(s, s.at(), "building an index on '" + s.table() + "' without CONCURRENTLY takes a"
                    + " SHARE lock that blocks writes until the index is built", "CREATE INDEX CONCURRENTLY IF NOT"
                    + " EXISTS, in a migration of its own (Flyway then runs it outside a transaction)");
        }
    }
}
