package dev.zdd.migrate.rules;

import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.Statement;

/** A rule that looks at statements one by one, knowing whether a transaction is open when each runs. */
abstract class StatementRule implements MigrationRule {
    /** Reports what is wrong with {@code statement}, if anything. */
    abstract void check(ParsedMigration migration, Statement statement, boolean inTransaction, Reporter reporter);

    @Override
    public final void check(ParsedMigration migration, Reporter reporter) {
        for (int i = 0; i < migration.statements().size(); i++) {
            check(migration, migration.statements().get(i), migration.inTransaction(i), reporter);
        }
    }
}
