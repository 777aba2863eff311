package dev.zdd.hasher.check;

import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.ReportText;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.text.ByteSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The lines a person reads in the build log: a summary, each problem with its place and hint, sizes. */
public final class CheckConsoleReport {
    /** Beyond this many, problems are counted, not listed; the files have them all. */
    static final int MAX_LISTED = 50;

    private CheckConsoleReport() {
    }

    public static List<String> lines(CheckResult result) {
        List<String> lines = new ArrayList<>();
        CheckResult.Statistics s = result.statistics();
        lines.add(String.format(Locale.ROOT, "Checked %d files (%d pages, %d references) in %d ms: %d error(s),"
                        + " %d warning(s)", s.files(), s.pages(), s.references(), s.millis(),
                result.count(Severity.ERROR), result.count(Severity.WARNING)));
        int listed = 0;
        for (Diagnostic problem : result.problems()) {
            if (listed++ == MAX_LISTED) {
                lines.add("  ... and " + (result.problems().size() - MAX_LISTED) + " more (see the reports)");
                break;
            }
            lines.add("  " + problem.location() + ": " + problem.code() + ": " + problem.message());
            if (!problem.hint().isEmpty()) {
                lines.add("      hint: " + problem.hint());
            }
        }
        SizeReport sizes = result.sizes();
        StringBuilder byType = new StringBuilder("Sizes: total " + ByteSize.format(sizes.total()));
        if (sizes.hasBaseline()) {
            byType.append(" (").append(ByteSize.formatChange(sizes.total() - sizes.baselineTotal()))
                    .append(" since baseline)");
        }
        byType.append(";");
        for (SizeCategory category : SizeCategory.values()) {
            byType.append(' ').append(category.id()).append(' ')
                    .append(ByteSize.format(sizes.current().get(category)));
        }
        lines.add(byType.toString());
        if (sizes.hasBaseline() && !sizes.grown().isEmpty()) {
            lines.add("Most grown since " + ReportText.printable(sizes.baselineName()) + ":");
            for (FileChange change : sizes.grown()) {
                lines.add("  " + ByteSize.formatChange(change.growth()) + "  "
                        + ReportText.printable(change.path()) + " ("
                        + ByteSize.format(change.before()) + " -> " + ByteSize.format(change.after()) + ")");
            }
        }
        if (sizes.hasBaseline() && (!sizes.added().isEmpty() || !sizes.removed().isEmpty())) {
            lines.add(sizes.added().size() + " file(s) added, " + sizes.removed().size() + " removed");
        }
        return lines;
    }

    /**
     * GitHub Actions workflow commands that put each problem on its line in the pull request;
     * {@code toRepositoryPath} turns a release path into the path of its source file in the repository.
     */
    public static List<String> githubAnnotations(CheckResult result, UnaryOperator<String> toRepositoryPath) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic problem : result.problems()) {
            String level = problem.severity() == Severity.ERROR ? "error" : "warning";
            StringBuilder line = new StringBuilder("::").append(level).append(" file=")
                    .append(property(toRepositoryPath.apply(problem.file())));
            if (problem.line() > 0) {
                line.append(",line=").append(problem.line()).append(",col=").append(problem.column());
            }
            line.append(",title=").append(property("zdd " + problem.code())).append("::")
                    .append(data(problem.message() + (problem.hint().isEmpty() ? "" : " (" + problem.hint() + ")")));
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
