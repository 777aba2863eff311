package dev.zdd.migrate.rules;

import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ColumnDefinition;
import dev.zdd.migrate.DataType;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.Statement;

import java.util.ArrayList;
import java.util.List;

/** A type given to a column: in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE. The type rules look at these. */
record ColumnType(Statement statement, DataType type) {
    static List<ColumnType> all(ParsedMigration migration) {
        List<ColumnType> types = new ArrayList<>();
        for (Statement s : migration.statements()) {
            for (ColumnDefinition column : s.columns()) {
                add(types, s, column.type());
            }
            for (AlterAction action : s.actions()) {
                add(types, s, action.definition() == null ? action.type() : action.definition().type());
            }
        }
        return types;
    }

    private static void add(List<ColumnType> types, Statement s, DataType type) {
        if (type != null) {
            types.add(new ColumnType(s, type));
        }
    }
}
