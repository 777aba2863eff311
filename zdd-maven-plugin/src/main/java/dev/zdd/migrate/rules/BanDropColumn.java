package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Dropping a column breaks the release still running, which reads it. */
public final class BanDropColumn extends AlterActionRule {
    static final RuleInfo INFO = new RuleInfo("ban-drop-column", Severity.ERROR, "Dropping a column breaks the "
            + "release still running, which reads it.");

    public BanDropColumn() {
        super(AlterAction.Kind.DROP_COLUMN);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    String message(Statement s, AlterAction a) {
        return "dropping '" + s.table() + "." + a.column() + "' breaks every running release that still reads or "
                + "writes it";
    }

    @Override
    String hint(Statement s, AlterAction a) {
        return "contract in a later release: first deploy code that no longer uses the column (ignore it in the "
                + "ORM), then drop it once no slot runs older code; mark that migration -- zdd:ignore "
                + "ban-drop-column <why it is safe now>";
    }
}
