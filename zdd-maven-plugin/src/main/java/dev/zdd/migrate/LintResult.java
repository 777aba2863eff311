package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.util.List;

/**
 * What the linter found.
 *
 * @param migrations every migration read, in version order
 * @param findings   every finding not suppressed, in migration order, then by line and column
 * @param rules      every rule that ran, with the linter's own checks (for SARIF's rule list)
 * @param millis     how long it took
 * @param measured   in measured mode, every migration run on the scratch database with its time and locks; empty
 *                   otherwise
 */
public record LintResult(List<LintedMigration> migrations, List<Finding> findings, List<RuleInfo> rules,
                         long millis, List<MeasuredMigration> measured) {

    /** A result of the static rules alone. */
    public LintResult(List<LintedMigration> migrations, List<Finding> findings, List<RuleInfo> rules, long millis) {
        this(migrations, findings, rules, millis, List.of());
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The findings that fail the build under {@code failOn}. */
    public List<Finding> failures(FailOn failOn) {
        return findings.stream().filter(f -> failOn.fails(f.severity())).toList();
    }

    /** The contract migrations, in version order. */
    public List<LintedMigration> contracts() {
        return migrations.stream().filter(LintedMigration::isContract).toList();
    }
}
