package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Changing a column type may rewrite the table under an ACCESS EXCLUSIVE lock. */
public final class ChangingColumnType extends AlterActionRule {
    static final RuleInfo INFO = new RuleInfo("changing-column-type", Severity.ERROR, "Changing a column type may "
            + "rewrite the table under an ACCESS EXCLUSIVE lock.");

    public ChangingColumnType() {
        super(AlterAction.Kind.ALTER_COLUMN_TYPE);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    String message(Statement s, AlterAction a) {
        String type = a.type() == null ? "another type" : a.type().name();
        return "changing the type of '" + s.table() + "." + a.column() + "' to " + type + " rewrites the table and its indexes"
                + " under an ACCESS EXCLUSIVE lock unless the types are binary-coercible, and breaks running code that expects the old type";
    }

    @Override
    String hint(Statement s, AlterAction a) {
        return "expand/contract: add a new column of the new type, write both from the code, backfill in batches "
                + "(zdd:backfill), switch reads, then drop the old column in a later release";
    }
}
