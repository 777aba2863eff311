package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ColumnDefinition;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/**
 * A column added with a default that PostgreSQL must compute per row (a volatile function, a serial, a stored
 * generated column), or with any default before PostgreSQL 11: the table is rewritten under an ACCESS EXCLUSIVE
 * lock.
 */
public final class AddingFieldWithDefault implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("adding-field-with-default", Severity.ERROR,
            "Adding a column whose default rewrites the table under an ACCESS EXCLUSIVE lock.");
    private static final String HINT = "add the column without a default (or with a constant one), set the default"
            + " for new rows with ALTER COLUMN ... SET DEFAULT, then backfill existing rows in batches (zdd:backfill)";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (AlterAction action : s.actions()) {
                ColumnDefinition column = action.definition();
                if (action.kind() != AlterAction.Kind.ADD_COLUMN || column == null) {
                    continue;
                }
                if (column.generated() != null) {
                    reporter.report(s, column.generated(), (column.identity() ? "an identity column"
                            : "a stored generated column") + " '" + column.name() + "' is computed for every"
                            + " existing row: the table is rewritten under an ACCESS EXCLUSIVE lock", HINT);
                } else if (column.type() != null && column.type().isOneOf("serial", "serial4", "serial8",
                        "bigserial", "smallserial", "serial2")) {
                    reporter.report(s, column.type().at(), "a " + column.type().name() + " column takes its"
                            + " default from nextval(), per row: the table is rewritten under an ACCESS EXCLUSIVE"
                            + " lock", HINT);
                } else if (column.defaultValue() != null && !column.defaultValue().isEmpty()) {
                    DefaultVolatility.Kind kind = DefaultVolatility.of(column.defaultValue());
                    if (migration.postgresVersion() < 11) {
                        reporter.report(s, column.defaultValue().get(0), "before PostgreSQL 11, adding a column"
                                + " with a default rewrites the table under an ACCESS EXCLUSIVE lock", HINT);
                    } else if (kind == DefaultVolatility.Kind.VOLATILE) {
                        reporter.report(s, column.defaultValue().get(0), "the default "
                                + DefaultVolatility.firstCall(column.defaultValue()) + " is volatile: every existing"
                                + " row gets its own value, so the table is rewritten under an ACCESS EXCLUSIVE"
                                + " lock", HINT);
                    } else if (kind == DefaultVolatility.Kind.UNKNOWN_FUNCTION) {
                        reporter.report(s, column.defaultValue().get(0), "the default calls "
                                + DefaultVolatility.firstCall(column.defaultValue()) + ", which may be volatile:"
                                + " then the table is rewritten under an ACCESS EXCLUSIVE lock", HINT
                                + "; or, if the function is STABLE or IMMUTABLE, suppress this with"
                                + " -- zdd:ignore adding-field-with-default <why>");
                    }
                }
            }
        }
    }
}
