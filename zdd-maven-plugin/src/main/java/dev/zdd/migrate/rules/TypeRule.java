package dev.zdd.migrate.rules;

import dev.zdd.migrate.DataType;
import dev.zdd.migrate.ParsedMigration;

/** A rule about column types, wherever a column gets one: CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE. */
abstract class TypeRule implements MigrationRule {
    abstract boolean matches(DataType type);

    abstract String message(DataType type);

    abstract String hint(DataType type);

    @Override
    public final void check(ParsedMigration migration, Reporter reporter) {
        for (ColumnType column : ColumnType.all(migration)) {
            if (matches(column.type())) {
                reporter.report(column.statement(), column.type().at(), message(column.type()),
                        hint(column.type()));
            }
        }
    }
}
