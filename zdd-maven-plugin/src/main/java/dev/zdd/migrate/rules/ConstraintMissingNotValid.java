package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.TableConstraint;

import java.util.HashSet;
import java.util.Set;

/**
 * A CHECK or FOREIGN KEY constraint added to an existing table without NOT VALID scans the table while writes
 * wait; and NOT VALID followed by VALIDATE in the same transaction gains nothing, the locks are held together.
 */
public final class ConstraintMissingNotValid implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("constraint-missing-not-valid", Severity.ERROR,
            "A constraint validated at once scans the table while writes wait.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        Set<String> notValidInThisTransaction = new HashSet<>();
        for (int i = 0; i < migration.statements().size(); i++) {
            Statement s = migration.statements().get(i);
            if (!migration.inTransaction(i)) {
                notValidInThisTransaction.clear();
            }
            for (AlterAction action : s.actions()) {
                TableConstraint c = action.constraint();
                if (action.kind() == AlterAction.Kind.ADD_CONSTRAINT && c.notValid() && c.name() != null) {
                    notValidInThisTransaction.add(c.name());
                } else if (action.kind() == AlterAction.Kind.ADD_CONSTRAINT && !c.notValid()
                        && (c.kind() == TableConstraint.Kind.CHECK || c.kind() == TableConstraint.Kind.FOREIGN_KEY)
                        && !migration.createdInTransaction(s.table())) {
                    reporter.report(s, action.at(), "the new constraint"
                                    + (c.name() == null ? "" : " '" + c.name() + "'") + " is checked against every row"
                                    + " of '" + s.table() + "' at once, under a lock that blocks writes",
                            "add it NOT VALID (new rows are checked, no scan), then VALIDATE CONSTRAINT in a separate"
                                    + " transaction: a later migration");
                } else if (action.kind() == AlterAction.Kind.VALIDATE_CONSTRAINT && migration.inTransaction(i)
                        && notValidInThisTransaction.contains(action.constraintName())) {
                    reporter.report(s, action.at(), "'" + action.constraintName() + "' is added NOT VALID and"
                                    + " validated in the same transaction: the ADD's lock is held through the scan",
                            "validate it in a later migration, so the lock of the ADD is released first");
                }
            }
        }
    }
}
