package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** ALTER TYPE ... ADD VALUE without BEFORE or AFTER puts the value last, which changes what < and ORDER BY mean. */
public final class RequireEnumValueOrdering extends StatementRule {
    static final RuleInfo INFO = new RuleInfo("require-enum-value-ordering", Severity.WARNING, "A new enum value"
            + " without BEFORE or AFTER goes last, which may not be where comparisons and ORDER BY expect it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    void check(ParsedMigration migration, Statement s, boolean inTransaction, Reporter reporter) {
        if (s.kind() == Statement.Kind.ALTER_TYPE_ADD_VALUE && s.clause() == null) {
            reporter.report(s, s.at(), "ADD VALUE without BEFORE or AFTER appends the value after all others: enum"
                            + " comparisons (status < 'approved') and ORDER BY put it last",
                    "say where it belongs: ADD VALUE 'pending' BEFORE 'approved' (or AFTER 'submitted')");
        }
    }
}
