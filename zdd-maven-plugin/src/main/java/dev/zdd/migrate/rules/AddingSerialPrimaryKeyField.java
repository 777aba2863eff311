package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.TableConstraint;

/**
 * A primary key added to an existing table builds its index under an ACCESS EXCLUSIVE lock; one added USING INDEX
 * an index built CONCURRENTLY does not. Squawk reports it under adding-serial-primary-key-field.
 */
public final class AddingSerialPrimaryKeyField implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("adding-serial-primary-key-field", Severity.ERROR,
            "Adding a primary key builds its index under an ACCESS EXCLUSIVE lock.");
    private static final String HINT = "CREATE UNIQUE INDEX CONCURRENTLY on the key columns first, then ALTER TABLE"
            + " ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX <that index> (the columns must be NOT NULL already)";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                if (action.kind() == AlterAction.Kind.ADD_CONSTRAINT
                        && action.constraint().kind() == TableConstraint.Kind.PRIMARY_KEY
                        && !action.constraint().usingIndex()) {
                    reporter.report(s, action.at(), "adding a primary key to '" + s.table() + "' builds its index"
                            + " under an ACCESS EXCLUSIVE lock, blocking reads and writes", HINT);
                } else if (action.kind() == AlterAction.Kind.ADD_COLUMN && action.definition() != null
                        && action.definition().primaryKey() != null) {
                    reporter.report(s, action.definition().primaryKey(), "the new column '" + action.column()
                            + "' is a primary key: its index is built under an ACCESS EXCLUSIVE lock", HINT);
                }
            }
        }
    }
}
