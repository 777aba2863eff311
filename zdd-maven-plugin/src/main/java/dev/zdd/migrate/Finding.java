package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.util.Locale;

/**
 * One problem in a migration, placed the way compilers place theirs.
 *
 * @param file     the migration's path as shown to people (relative to the project when inside it)
 * @param line     1-based; 0 when it concerns the whole file
 * @param column   1-based; 0 when it concerns the whole file
 * @param rule     the rule id, squawk's where squawk has the same rule
 * @param severity whether it fails the build under the default {@code failOn}
 * @param message  what is wrong, one line
 * @param hint     what to do instead, the expand/contract way
 */
public record Finding(String file, int line, int column, String rule, Severity severity, String message,
                      String hint) {

    public String location() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }

    public String severityName() {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    /** {@code file:line:col: rule: message}, as on the console. */
    @Override
    public String toString() {
        return location() + ": " + rule + ": " + message;
    }
}
