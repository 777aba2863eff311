package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** CREATE INDEX CONCURRENTLY inside a transaction fails. */
public final class BanConcurrentIndexCreationInTransaction extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("ban-concurrent-index-creation-in-transaction", Severity.ERROR,
            "CREATE INDEX CONCURRENTLY inside a transaction fails.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.CREATE_INDEX && s.concurrently() && inTransaction) {
            reporter.report(s, s.at(), "CREATE INDEX CONCURRENTLY cannot run inside a transaction block: this"
                    + " migration runs in one", "put the index in a migration of its own, with no BEGIN/COMMIT and"
                    + " nothing else in it (Flyway then runs it outside a transaction)");
        }
    }
}
