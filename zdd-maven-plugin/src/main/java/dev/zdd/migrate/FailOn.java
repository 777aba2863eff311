package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.util.Locale;

/** Which findings fail the build. */
public enum FailOn {
    ERROR, WARNING, NONE;

    public static FailOn parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("zdd.failOn: '" + value + "' is not one of error, warning, none", e);
        }
    }

    public boolean fails(Severity severity) {
        return switch (this) {
            case ERROR -> severity == Severity.ERROR;
            case WARNING -> severity == Severity.ERROR || severity == Severity.WARNING;
            case NONE -> false;
        };
    }
}
