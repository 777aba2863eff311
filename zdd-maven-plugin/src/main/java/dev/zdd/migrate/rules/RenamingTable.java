package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Renaming a table breaks the release still running, which uses the old name. */
public final class RenamingTable extends AlterActionRule {
    static final RuleInfo INFO = new RuleInfo("renaming-table", Severity.ERROR, "Renaming a table breaks the "
            + "release still running, which uses the old name.");

    public RenamingTable() {
        super(AlterAction.Kind.RENAME_TABLE);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    String message(Statement s, AlterAction a) {
        return "renaming table '" + s.table() + "' to '" + a.newName() + "' breaks every running release that uses "
                + "the old name";
    }

    @Override
    String hint(Statement s, AlterAction a) {
        return "create the new table, write both, backfill, switch reads, drop the old table in a later release; "
                + "or rename and leave an updatable view with the old name until no slot runs the old code";
    }
}
