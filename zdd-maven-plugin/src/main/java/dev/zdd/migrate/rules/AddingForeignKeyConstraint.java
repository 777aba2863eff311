package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.TableConstraint;

/** A foreign key added to an existing table without NOT VALID: both tables are scanned and their writes blocked. */
public final class AddingForeignKeyConstraint implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("adding-foreign-key-constraint", Severity.ERROR,
            "Adding a foreign key that is validated at once blocks writes to both tables.");
    static final String HINT = "add the foreign key NOT VALID (checks new rows only, no scan), then VALIDATE"
            + " CONSTRAINT in a later migration: it takes a SHARE UPDATE EXCLUSIVE lock that lets writes through";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                if (action.kind() == AlterAction.Kind.ADD_CONSTRAINT
                        && action.constraint().kind() == TableConstraint.Kind.FOREIGN_KEY
                        && !action.constraint().notValid() && !migration.createdInTransaction(s.table())) {
                    reporter.report(s, action.at(), "adding a foreign key to '" + s.table() + "' scans it under a"
                            + " SHARE ROW EXCLUSIVE lock on both tables, blocking their writes", HINT);
                } else if (action.kind() == AlterAction.Kind.ADD_COLUMN && action.definition() != null
                        && action.definition().references() != null) {
                    reporter.report(s, action.definition().references(), "the new column '" + action.column()
                            + "' references another table: the foreign key takes a SHARE ROW EXCLUSIVE lock on"
                            + " both tables", "add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN"
                            + " KEY ... NOT VALID and VALIDATE CONSTRAINT in a later migration");
                }
            }
        }
    }
}
