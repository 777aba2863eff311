package dev.zdd.migrate.rules;

import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.Statement;

/** A rule that reports every ALTER TABLE action of one kind; the subclasses say what and why. */
abstract class AlterActionRule implements MigrationRule {
    private final AlterAction.Kind kind;

    AlterActionRule(AlterAction.Kind kind) {
        this.kind = kind;
    }

    abstract String message(Statement statement, AlterAction action);

    abstract String hint(Statement statement, AlterAction action);

    /** Whether to report this action; all of its kind by default. */
    boolean applies(ParsedMigration migration, Statement statement, AlterAction action) {
        return true;
    }

    @Override
    public final void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                if (action.kind() == kind && applies(migration, s, action)) {
                    reporter.report(s, action.at(), message(s, action), hint(s, action));
                }
            }
        }
    }
}
