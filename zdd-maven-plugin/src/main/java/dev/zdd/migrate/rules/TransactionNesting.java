package dev.zdd.migrate.rules;

import java.util.Locale;
import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/**
 * BEGIN inside an open transaction, or COMMIT / ROLLBACK in a file the migration tool wraps in its own transaction:
 * PostgreSQL warns and carries on, and statements after the COMMIT run outside the tool's transaction.
 */
public final class TransactionNesting extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("transaction-nesting", Severity.ERROR,
            "BEGIN / COMMIT inside a migration that already runs in a transaction.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.BEGIN && inTransaction) {
            reporter.report(s, s.at(), migration.runsInTransaction()
                            ? "BEGIN in a migration that already runs in a transaction (Flyway wraps each file in one)"
                            : "BEGIN while a transaction is already open",
                    "remove the BEGIN; Flyway already runs this file in one transaction");
        } else if ((s.kind() == Statement.Kind.COMMIT || s.kind() == Statement.Kind.ROLLBACK)
                && migration.runsInTransaction()) {
            reporter.report(s, s.at(), s.at().text().toUpperCase(Locale.ROOT) + " ends the transaction the"
                            + " migration tool opened: the statements after it run outside any transaction",
                    "remove it; to run statements outside a transaction, put them in a migration of their own");
        }
    }
}
