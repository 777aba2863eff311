package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

import java.util.HashSet;
import java.util.Set;

/**
 * Outside a transaction, a migration that fails half-way leaves half its changes behind, and running it again then
 * fails on the first of them. IF [NOT] EXISTS makes each step safe to repeat. A concurrent index is the same even
 * in a transaction-less file run again: a failed build leaves an INVALID index under its name.
 */
public final class PreferRobustStmts implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("prefer-robust-stmts", Severity.WARNING,
            "A step outside a transaction that cannot be run again after a failure half-way.");
    private static final String RERUN = ", so the migration cannot be run again after failing half-way";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        Set<String> droppedConstraints = new HashSet<>();
        for (int i = 0; i < migration.statements().size(); i++) {
            Statement s = migration.statements().get(i);
            boolean inTransaction = migration.inTransaction(i);
            switch (s.kind()) {
                case ALTER_TABLE -> {
                    for (AlterAction a : s.actions()) {
                        String problem = problem(a, droppedConstraints);
                        if (problem != null && !inTransaction) {
                            reporter.report(s, a.at(), problem, a.kind() == AlterAction.Kind.ADD_COLUMN
                                    || a.kind() == AlterAction.Kind.DROP_COLUMN
                                    || a.kind() == AlterAction.Kind.DROP_CONSTRAINT
                                    ? "add " + (a.kind() == AlterAction.Kind.ADD_COLUMN ? "IF NOT EXISTS" : "IF EXISTS")
                                    : "run it in a transaction, or guard it so it can run twice");
                        }
                    }
                }
                case CREATE_INDEX -> {
                    if (!s.ifExists() && s.named() && (s.concurrently() || !inTransaction)) {
                        reporter.report(s, s.at(), "CREATE INDEX without IF NOT EXISTS" + RERUN
                                        + (s.concurrently() ? " (a failed concurrent build leaves an INVALID index"
                                        + " under this name)" : ""),
                                "CREATE INDEX CONCURRENTLY IF NOT EXISTS <name>; after a failure, drop the INVALID"
                                        + " index before running it again");
                    }
                }
                case CREATE_TABLE -> {
                    if (!s.ifExists() && !inTransaction && !(s.temporary() && s.onCommitDrop())) {
                        reporter.report(s, s.at(), "CREATE TABLE without IF NOT EXISTS" + RERUN,
                                "CREATE TABLE IF NOT EXISTS");
                    }
                }
                case DROP_INDEX, DROP_TABLE -> {
                    if (!s.ifExists() && !inTransaction) {
                        reporter.report(s, s.at(), (s.kind() == Statement.Kind.DROP_TABLE ? "DROP TABLE"
                                : "DROP INDEX") + " without IF EXISTS" + RERUN, "add IF EXISTS");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String problem(AlterAction a, Set<String> droppedConstraints) {
        return switch (a.kind()) {
            case ADD_COLUMN -> a.ifExists() ? null : "ADD COLUMN without IF NOT EXISTS" + RERUN;
            case DROP_COLUMN -> a.ifExists() ? null : "DROP COLUMN without IF EXISTS" + RERUN;
            case DROP_CONSTRAINT -> {
                if (a.constraintName() != null) {
                    droppedConstraints.add(a.constraintName());
                }
                yield a.ifExists() ? null : "DROP CONSTRAINT without IF EXISTS" + RERUN;
            }
            // Dropped (IF EXISTS) just before: adding it again is safe to repeat.
            case ADD_CONSTRAINT -> a.constraintName() != null && droppedConstraints.contains(a.constraintName())
                    ? null : "ADD CONSTRAINT outside a transaction" + RERUN;
            case VALIDATE_CONSTRAINT -> null;
            default -> "this ALTER TABLE step runs outside a transaction" + RERUN;
        };
    }
}
