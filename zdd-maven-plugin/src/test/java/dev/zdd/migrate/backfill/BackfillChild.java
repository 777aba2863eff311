package dev.zdd.migrate.backfill;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A backfill in a JVM of its own, so a test can kill it with SIGKILL half-way, as a deploy box or a CI runner may.
 * Arguments: JDBC URL, user, batch size, pause.
 */
public final class BackfillChild {
    private BackfillChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], "")) {
            BackfillSummary summary = new Backfill(c, BackfillOptions.parse("users",
                    BackfillTest.SET, BackfillTest.WHERE, Integer.parseInt(args[2]), args[3], "2s", 5, "30s", false),
                    new RecordingBackfillListener()).run();
            System.out.println("finished " + summary);
        }
    }
}
