package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Renaming a column breaks the release still running, which uses the old name. */
public final class RenamingColumn extends AlterActionRule {
    static final RuleInfo INFO = new RuleInfo("renaming-column", Severity.ERROR, "Renaming a column breaks the "
            + "release still running, which uses the old name.");

    public RenamingColumn() {
        super(AlterAction.Kind.RENAME_COLUMN);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    String message(Statement s, AlterAction a) {
        return "renaming '" + s.table() + "." + a.column() + "' to '" + a.newName() + "' breaks every running "
                + "release that uses the old name";
    }

    @Override
    String hint(Statement s, AlterAction a) {
        return "add the new column, write both from the code, backfill, switch reads to the new column, and drop "
                + "the old one in a later release (or add a view with the old name)";
    }
}
