package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ColumnDefinition;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;
import dev.zdd.migrate.TableConstraint;

/**
 * A statement that needs a strong lock, with no lock_timeout set before it: while it waits behind one long query
 * for its lock, every other query on the table queues behind it, which is an outage even when the statement itself
 * is instant. Reported once per file, at the first such statement.
 */
public final class RequireLockTimeout implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("require-lock-timeout", Severity.WARNING,
            "DDL without a lock_timeout: waiting for its lock, it blocks every query behind it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            if (s.kind() == Statement.Kind.SET && "lock_timeout".equals(s.setting())) {
                return;
            }
            if (takesStrongLock(s)) {
                reporter.report(s, s.at(), "no lock_timeout is set before this statement: while it waits for its"
                                + " lock, every query on the table waits behind it",
                        "start the migration with SET lock_timeout = '2s' (Flyway: SET LOCAL in the transaction) and"
                                + " let the deploy retry if it times out");
                return;
            }
        }
    }

    private static boolean takesStrongLock(Statement s) {
        return switch (s.kind()) {
            case ALTER_TABLE, DROP_TABLE, TRUNCATE, CREATE_INDEX, DROP_INDEX, REINDEX, CLUSTER, ALTER_DOMAIN -> true;
            case VACUUM -> s.clause() != null;
            // A new table locks nothing others use, unless it references one.
            case CREATE_TABLE -> s.columns().stream().map(ColumnDefinition::references).anyMatch(r -> r != null)
                    || s.constraints().stream().anyMatch(c -> c.kind() == TableConstraint.Kind.FOREIGN_KEY);
            case OTHER -> s.at().is("alter") || s.at().is("drop") || s.at().is("create") && !isCreateOnly(s);
            default -> false;
        };
    }

    /** CREATE FUNCTION, CREATE VIEW, CREATE SCHEMA, ... touch no existing table; CREATE TRIGGER and RULE do. */
    private static boolean isCreateOnly(Statement s) {
        return s.source().tokens().stream().limit(6).noneMatch(t -> t.is("trigger") || t.is("rule"));
    }
}
