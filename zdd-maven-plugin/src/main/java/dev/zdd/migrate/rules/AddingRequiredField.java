package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ColumnDefinition;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** ADD COLUMN ... NOT NULL without a default: fails on a table with rows, and breaks inserts of the running code. */
public final class AddingRequiredField implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("adding-required-field", Severity.ERROR,
            "Adding a NOT NULL column without a default to an existing table.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                ColumnDefinition c = action.definition();
                if (action.kind() == AlterAction.Kind.ADD_COLUMN && c != null && c.notNull()
                        && c.defaultValue() == null && c.generated() == null && !isSerial(c)) {
                    reporter.report(s, action.at(), "column '" + c.name() + "' is added NOT NULL without a default:"
                                    + " it fails if the table has rows, and inserts from the release still running"
                                    + " fail since they do not set it",
                            "add it nullable (or with a constant default), backfill, then add a CHECK (" + c.name()
                                    + " IS NOT NULL) NOT VALID, validate it, and SET NOT NULL in a later release");
                }
            }
        }
    }

    private static boolean isSerial(ColumnDefinition c) {
        return c.type() != null && c.type().name().contains("serial");
    }
}
