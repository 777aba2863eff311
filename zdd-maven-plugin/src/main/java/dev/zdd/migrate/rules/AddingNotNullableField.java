package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.TableConstraint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code SET NOT NULL} scans the whole table under an ACCESS EXCLUSIVE lock, unless (PostgreSQL 12+) a validated
 * {@code CHECK (c IS NOT NULL)} already proves it: then PostgreSQL skips the scan.
 */
public final class AddingNotNullableField implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("adding-not-nullable-field", Severity.ERROR,
            "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        boolean pg12 = migration.postgresVersion() >= 12;
        Map<String, String> notValidChecks = new HashMap<>();
        Set<String> proven = new HashSet<>();
        Set<String> validatedElsewhere = new HashSet<>();
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                TableConstraint c = action.constraint();
                if (action.kind() == AlterAction.Kind.ADD_CONSTRAINT && c.notValid() && c.notNullColumn() != null
                        && c.name() != null) {
                    notValidChecks.put(c.name(), s.table() + "." + c.notNullColumn());
                } else if (action.kind() == AlterAction.Kind.VALIDATE_CONSTRAINT) {
                    String column = notValidChecks.get(action.constraintName());
                    if (column != null && column.startsWith(s.table() + ".")) {
                        proven.add(column);
                    } else {
                        // Added NOT VALID by an earlier migration: trust it, as squawk does.
                        validatedElsewhere.add(s.table());
                    }
                } else if (action.kind() == AlterAction.Kind.SET_NOT_NULL) {
                    if (pg12 && (proven.contains(s.table() + "." + action.column())
                            || validatedElsewhere.contains(s.table()))) {
                        continue;
                    }
                    reporter.report(s, action.at(), "SET NOT NULL on '" + s.table() + "." + action.column()
                                    + "' scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes",
                            pg12 ? "first ADD CONSTRAINT c CHECK (" + action.column() + " IS NOT NULL) NOT VALID,"
                                    + " then VALIDATE CONSTRAINT c in a separate transaction; SET NOT NULL then skips"
                                    + " the scan (and the check can be dropped)"
                                    : "keep the column nullable and enforce it with a CHECK (" + action.column()
                                    + " IS NOT NULL) constraint added NOT VALID and validated separately");
                }
            }
        }
    }
}
