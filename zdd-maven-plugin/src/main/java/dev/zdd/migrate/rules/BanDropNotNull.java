package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Dropping NOT NULL lets NULLs reach code that assumes there are none. */
public final class BanDropNotNull extends AlterActionRule {
    static final RuleInfo INFO = new RuleInfo("ban-drop-not-null", Severity.ERROR, "Dropping NOT NULL lets NULLs "
            + "reach code that assumes there are none.");

    public BanDropNotNull() {
        super(AlterAction.Kind.DROP_NOT_NULL);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    String message(Statement s, AlterAction a) {
        return "dropping NOT NULL from '" + s.table() + "." + a.column() + "' lets NULLs in, which the running "
                + "release may not expect";
    }

    @Override
    String hint(Statement s, AlterAction a) {
        return "first deploy code that copes with NULL in the column, then drop NOT NULL in a later release";
    }
}
