package dev.zdd.bench;

import dev.zdd.migrate.backfill.Backfill;
import dev.zdd.migrate.backfill.BackfillListener;
import dev.zdd.migrate.backfill.BackfillOptions;
import dev.zdd.migrate.backfill.BackfillSummary;
import dev.zdd.migrate.db.PostgresConnector;

import java.sql.Connection;
import java.time.Duration;

/**
 * zdd's backfill core in a JVM of its own, for when no installed plugin can be run with {@code mvn}: its garbage
 * collection and JIT must not pause the benchmark's writers, which a shared JVM would count against the backfill.
 * Arguments: JDBC URL, user, table, set, where.
 */
public final class BackfillProcess {
    private BackfillProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = PostgresConnector.connect(args[0], args[1], null, "url")) {
            BackfillSummary s = new Backfill(c, BackfillOptions.parse(args[2], args[3], args[4], null, null, null,
                    null, null, false), new BackfillListener() {
                        @Override
                        public void started(String table, long rowsToDo) {
                        }

                        @Override
                        public void batchDone(Progress progress) {
                        }

                        @Override
                        public void lockTimeout(int attempt, int retries, Duration backoff) {
                        }
                    }).run();
            System.out.printf("zdd: backfilled %d row(s) of %s in %d batch(es), %.1f s, %.0f rows/s%n",
                    s.rowsUpdated(), s.table(), s.batches(), s.elapsed().toMillis() / 1000.0, s.rowsPerSecond());
        }
    }
}
