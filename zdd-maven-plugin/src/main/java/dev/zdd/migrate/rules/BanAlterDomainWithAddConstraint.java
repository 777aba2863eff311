package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** ALTER DOMAIN ... ADD CONSTRAINT checks every column of every table that uses the domain, holding their locks. */
public final class BanAlterDomainWithAddConstraint extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("ban-alter-domain-with-add-constraint", Severity.ERROR, "ALTER DOMAIN"
            + " ... ADD CONSTRAINT checks every table that uses the domain while holding locks on them.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.ALTER_DOMAIN && s.clause() != null) {
            reporter.report(s, s.clause(), "adding a constraint to a domain checks every row of every table with a"
                            + " column of that domain (even with NOT VALID, the VALIDATE that must follow does), and"
                            + " writes to those tables wait meanwhile",
                    "put the constraint on the columns themselves: ADD CONSTRAINT ... NOT VALID on each table, then"
                            + " VALIDATE CONSTRAINT in a later migration");
        }
    }
}
