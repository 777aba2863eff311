package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.DataType;
import dev.zdd.migrate.RuleInfo;

/** Changing the length of varchar(n) later takes an ACCESS EXCLUSIVE lock. */
public final class PreferTextField extends TypeRule {
    static final RuleInfo INFO = new RuleInfo("prefer-text-field", Severity.WARNING, "Changing the length of "
            + "varchar(n) later takes an ACCESS EXCLUSIVE lock.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean matches(DataType t) {
        return t.modified() && t.isOneOf("varchar", "character varying");
    }

    @Override
    String message(DataType t) {
        return "the type " + t.name() + " with a length limit needs an ACCESS EXCLUSIVE lock to change that limit "
                + "later";
    }

    @Override
    String hint(DataType t) {
        return "use text with a CHECK (length(col) <= n) constraint, which can be replaced NOT VALID and validated "
                + "without blocking";
    }
}
