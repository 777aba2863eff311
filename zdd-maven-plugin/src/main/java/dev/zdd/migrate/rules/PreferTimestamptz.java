package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.DataType;
import dev.zdd.migrate.RuleInfo;

/** timestamp without time zone loses the offset; comparisons across zones go wrong. */
public final class PreferTimestamptz extends TypeRule {
    static final RuleInfo INFO = new RuleInfo("prefer-timestamptz", Severity.WARNING, "timestamp without time zone "
            + "loses the offset; comparisons across zones go wrong.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean matches(DataType t) {
        return t.isOneOf("timestamp", "timestamp without time zone");
    }

    @Override
    String message(DataType t) {
        return "the type " + t.name() + " stores no time zone: values are read in whatever zone each session has";
    }

    @Override
    String hint(DataType t) {
        return "use timestamptz (timestamp with time zone); it takes the same 8 bytes";
    }
}
