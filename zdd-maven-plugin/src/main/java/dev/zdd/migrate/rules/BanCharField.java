package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.DataType;
import dev.zdd.migrate.RuleInfo;

/** char(n) pads with spaces and changing its length later rewrites the table. */
public final class BanCharField extends TypeRule {
    static final RuleInfo INFO = new RuleInfo("ban-char-field", Severity.WARNING, "char(n) pads with spaces and "
            + "changing its length later rewrites the table.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean matches(DataType t) {
        return t.isOneOf("char", "character", "bpchar", "nchar", "national character");
    }

    @Override
    String message(DataType t) {
        return "the type " + t.name() + " pads values with spaces, and changing its length later rewrites the table";
    }

    @Override
    String hint(DataType t) {
        return "use text (with a CHECK on length if one is needed: a CHECK can be changed without a rewrite)";
    }
}
