package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Dropping a table breaks the release still running, which uses it. */
public final class BanDropTable extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("ban-drop-table", Severity.ERROR, "Dropping a table breaks the "
            + "release still running, which uses it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.DROP_TABLE) {
            reporter.report(s, s.at(), "dropping table " + String.join(", ", s.tables()) + " breaks every running"
                    + " release that still uses it", "contract in a later release: first deploy code that no longer"
                    + " uses the table, then drop it once no slot runs older code (and say so in a zdd:ignore)");
        }
    }
}
