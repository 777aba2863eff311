package dev.zdd.migrate.report;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.Finding;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.LintedMigration;
import dev.zdd.migrate.MeasuredMigration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines a person reads in the build log, and GitHub Actions annotations. */
public final class MigrationConsoleReport {
    private MigrationConsoleReport() {
    }

    /**
     * A summary, in measured mode a line per migration run (time, locks, rewrites), then
     * {@code file:line:col: rule: message} and its hint for every finding.
     */
    public static List<String> lines(LintResult result) {
        List<String> lines = new ArrayList<>();
        List<LintedMigration> contracts = result.contracts();
        lines.add(String.format(Locale.ROOT, "Checked %d migration(s) in %d ms: %d error(s), %d warning(s); %d"
                        + " contract migration(s)%s", result.migrations().size(), result.millis(),
                result.count(Severity.ERROR), result.count(Severity.WARNING), contracts.size(),
                contracts.isEmpty() ? "" : " (" + String.join(", ", contracts.stream()
                        .map(m -> "V" + m.script().version()).toList()) + ")"));
        for (MeasuredMigration m : result.measured()) {
            lines.add(measured(m));
        }
        for (Finding f : result.findings()) {
            lines.add(f.location() + ": " + f.rule() + ": " + f.message());
            lines.add("    hint: " + f.hint());
        }
        return lines;
    }

    /** {@code measured V2__add.sql: 12.40 ms, 3 statement(s); locks: public.users AccessExclusiveLock; ...}. */
    static String measured(MeasuredMigration m) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "measured %s: %.2f ms, %d statement(s)",
                m.file(), m.millis(), m.statements()));
        if (m.notMeasured() > 0) {
            line.append(", ").append(m.notMeasured()).append(" not measured");
        }
        if (m.failed()) {
            line.append(", FAILED");
        }
        line.append("; locks: ").append(m.locks().isEmpty() ? "none on existing tables" : String.join(", ",
                m.locks().stream().map(l -> l.table() + " " + String.join("+", l.modes())).toList()));
        line.append("; rewrote: ").append(m.rewritten().isEmpty() ? "nothing" : String.join(", ", m.rewritten()));
        return line.toString();
    }

    /** Workflow commands that put each finding on its line in a pull request. */
    public static List<String> githubAnnotations(LintResult result) {
        List<String> lines = new ArrayList<>();
        for (Finding f : result.findings()) {
            StringBuilder line = new StringBuilder("::").append(f.severity() == Severity.ERROR ? "error" : "warning")
                    .append(" file=").append(property(f.file()));
            if (f.line() > 0) {
                line.append(",line=").append(f.line()).append(",col=").append(f.column());
            }
            line.append(",title=").append(property("zdd " + f.rule())).append("::")
                    .append(data(f.message() + " (" + f.hint() + ")"));
            lines.add(line.toString());
        }
        return lines;
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
