package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.DataType;
import dev.zdd.migrate.RuleInfo;

/** 32-bit integer columns run out at 2^31; widening them later rewrites the table. */
public final class PreferBigintOverInt extends TypeRule {
    static final RuleInfo INFO = new RuleInfo("prefer-bigint-over-int", Severity.WARNING, "32-bit integer columns "
            + "run out at 2^31; widening them later rewrites the table.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean matches(DataType t) {
        return t.isOneOf("int", "integer", "int4", "serial", "serial4");
    }

    @Override
    String message(DataType t) {
        return "the type " + t.name() + " stops at 2,147,483,647; widening it later rewrites the table under an "
                + "ACCESS EXCLUSIVE lock";
    }

    @Override
    String hint(DataType t) {
        return "use bigint (or bigserial / a bigint identity): 4 more bytes now save a table rewrite later";
    }
}
