package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Dropping a database from a migration. */
public final class BanDropDatabase extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("ban-drop-database", Severity.ERROR, "Dropping a database from a "
            + "migration.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.DROP_DATABASE) {
            reporter.report(s, s.at(), "a migration drops a whole database", "drop databases by hand, never from a"
                    + " migration that runs on every environment");
        }
    }
}
