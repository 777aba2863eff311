package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/**
 * A domain with a constraint: every later change of that constraint revalidates every column of every table that
 * uses the domain, and a column converted to it is rewritten.
 */
public final class BanCreateDomainWithConstraint extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("ban-create-domain-with-constraint", Severity.WARNING, "A domain with"
            + " a constraint: changing it later checks every table that uses the domain, and converting a column to"
            + " it rewrites the table.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.CREATE_DOMAIN && s.clause() != null) {
            reporter.report(s, s.clause(), "a domain with a constraint: changing the constraint later scans every"
                            + " table using the domain under lock, and PostgreSQL rewrites a table to convert a column"
                            + " to it",
                    "a domain without constraints (or the plain type), with the CHECK or NOT NULL on each column"
                            + " (ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT)");
        }
    }
}
