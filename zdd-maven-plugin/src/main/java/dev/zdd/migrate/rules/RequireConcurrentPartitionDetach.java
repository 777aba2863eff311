package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.AlterAction;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

/** Detaching a partition without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the parent. */
public final class RequireConcurrentPartitionDetach extends AlterActionRule {
    static final RuleInfo INFO = new RuleInfo("require-concurrent-partition-detach", Severity.ERROR, "Detaching a "
            + "partition without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the parent.");

    public RequireConcurrentPartitionDetach() {
        super(AlterAction.Kind.DETACH_PARTITION);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    String message(Statement s, AlterAction a) {
        return "detaching a partition of '" + s.table() + "' without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on it";
    }

    @Override
    String hint(Statement s, AlterAction a) {
        return "use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), in a migration of its own: it cannot run "
                + "in a transaction";
    }

    @Override
    boolean applies(ParsedMigration migration, Statement s, AlterAction a) {
        return !a.concurrently() && migration.postgresVersion() >= 14;
    }
}
