package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.DataType;
import dev.zdd.migrate.RuleInfo;

/** 16-bit integer columns run out at 32,767; widening them later rewrites the table. */
public final class PreferBigintOverSmallint extends TypeRule {
    static final RuleInfo INFO = new RuleInfo("prefer-bigint-over-smallint", Severity.WARNING, "16-bit integer "
            + "columns run out at 32,767; widening them later rewrites the table.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean matches(DataType t) {
        return t.isOneOf("smallint", "int2", "smallserial", "serial2");
    }

    @Override
    String message(DataType t) {
        return "the type " + t.name() + " stops at 32,767; widening it later rewrites the table under an ACCESS "
                + "EXCLUSIVE lock";
    }

    @Override
    String hint(DataType t) {
        return "use bigint";
    }
}
