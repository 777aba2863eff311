package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** A BEGIN with no COMMIT after it in a file that runs without a wrapping transaction. */
public final class BanUncommittedTransaction implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("ban-uncommitted-transaction", Severity.ERROR,
            "A transaction opened with BEGIN and never committed.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        Statement open = null;
        for (Statement s : migration.statements()) {
            if (s.kind() == Statement.Kind.BEGIN) {
                open = open == null ? s : open;
            } else if (s.kind() == Statement.Kind.COMMIT || s.kind() == Statement.Kind.ROLLBACK) {
                open = null;
            }
        }
        if (open != null && !migration.runsInTransaction()) {
            reporter.report(open, open.at(), "this BEGIN is never committed: the file's changes are rolled back when"
                    + " the session ends, or left waiting with their locks held", "add COMMIT at the end of the file");
        }
    }
}
