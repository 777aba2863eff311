package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** TRUNCATE ... CASCADE empties every table that references these, recursively. */
public final class BanTruncateCascade extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("ban-truncate-cascade", Severity.ERROR, "TRUNCATE ... CASCADE "
            + "empties every table that references these, recursively.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.TRUNCATE && s.cascade()) {
            reporter.report(s, s.at(), "TRUNCATE ... CASCADE also empties every table with a foreign key to "
                    + String.join(", ", s.tables()) + ", and theirs in turn", "name every table to truncate"
                    + " explicitly, without CASCADE");
        }
    }
}
