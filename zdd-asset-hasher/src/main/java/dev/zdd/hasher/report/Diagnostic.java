package dev.zdd.hasher.report;

import java.util.Locale;
import java.util.Comparator;

/**
 * A problem found in a file, positioned the way compilers print it.
 *
 * @param severity whether it fails the build
 * @param code     a stable, machine-readable name ({@code missing-target}, {@code malformed-json}, ...)
 * @param file     site-relative path
 * @param line     1-based, 0 when the problem concerns the whole file
 * @param column   1-based, 0 when the problem concerns the whole file
 * @param target   the reference text involved, or empty
 * @param message  one line saying what is wrong
 * @param hint     one line saying what to do about it
 */
public record Diagnostic(Severity severity, String code, String file, int line, int column, String target,
                         String message, String hint) {

    /** Every report and log line is made of these fields: they hold printable text of a readable length. */
    public Diagnostic {
        file = ReportText.printable(file);
        target = ReportText.printable(ReportText.cut(target, ReportText.QUOTE_LIMIT));
        message = ReportText.printable(ReportText.cut(message, ReportText.MESSAGE_LIMIT));
        hint = ReportText.printable(ReportText.cut(hint, ReportText.MESSAGE_LIMIT));
    }

    public static final Comparator<Diagnostic> IN_FILE_ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::code).thenComparing(Diagnostic::target);

    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(newSeverity, code, file, line, column, target, message, hint);
    }

    public String location() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }

    @Override
    public String toString() {
        return location() + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message
                + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
