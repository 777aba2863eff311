package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.TableConstraint;

/** A UNIQUE constraint added to an existing table builds its index under an ACCESS EXCLUSIVE lock. */
public final class DisallowedUniqueConstraint implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("disallowed-unique-constraint", Severity.ERROR,
            "Adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock.");
    private static final String HINT = "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING"
            + " INDEX <that index>";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                if (action.kind() == AlterAction.Kind.ADD_CONSTRAINT
                        && action.constraint().kind() == TableConstraint.Kind.UNIQUE
                        && !action.constraint().usingIndex() && !migration.createdInTransaction(s.table())) {
                    reporter.report(s, action.at(), "adding a UNIQUE constraint to '" + s.table() + "' builds its"
                            + " index under an ACCESS EXCLUSIVE lock, blocking reads and writes", HINT);
                } else if (action.kind() == AlterAction.Kind.ADD_COLUMN && action.definition() != null
                        && action.definition().unique() != null) {
                    reporter.report(s, action.definition().unique(), "the new column '" + action.column()
                            + "' is UNIQUE: its index is built under an ACCESS EXCLUSIVE lock", "add the column"
                            + " without UNIQUE, then " + HINT);
                }
            }
        }
    }
}
