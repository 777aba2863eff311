package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

/**
 * What a rule is, for reports that list rules (SARIF) and for suppressions to name.
 *
 * @param id          the rule id, squawk's where squawk has the same rule
 * @param severity    how bad a finding of it is
 * @param description what it catches, one line
 */
public record RuleInfo(String id, Severity severity, String description) {
}
