package dev.zdd.hasher.check;

import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;

import java.nio.file.Path;
import java.util.List;

/**
 * What a check found.
 *
 * @param site       the folder checked
 * @param checks     the checks that ran (budgets and regressions only run when configured)
 * @param problems   every problem, in file order; errors fail the build, warnings do not
 * @param sizes      sizes by type, and against the baseline
 * @param statistics counts and timing
 */
public record CheckResult(Path site, List<ProblemKind> checks, List<Diagnostic> problems, SizeReport sizes,
                          Statistics statistics) {

    public boolean failed() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return problems.stream().filter(p -> p.severity() == severity).count();
    }

    public List<Diagnostic> problems(ProblemKind kind) {
        return problems.stream().filter(p -> p.code().equals(kind.id())).toList();
    }

    /**
     * @param files      files in the release
     * @param pages      HTML pages read
     * @param references references resolved
     * @param millis     wall-clock duration
     */
    public record Statistics(int files, int pages, int references, long millis) {
    }
}
