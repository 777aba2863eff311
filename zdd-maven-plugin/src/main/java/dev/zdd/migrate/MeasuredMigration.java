package dev.zdd.migrate;

import java.util.List;

/**
 * What measured mode saw of one migration it ran on the scratch database, findings or not.
 *
 * @param file        the migration's path as shown to people
 * @param version     its version
 * @param millis      how long its statements took, together, in milliseconds to two decimals
 * @param statements  how many of its statements ran
 * @param notMeasured how many could not run inside the measuring transaction (CREATE INDEX CONCURRENTLY, ...)
 * @param failed      whether PostgreSQL refused it (it was rolled back; the time is until the failure)
 * @param locks       the table locks it took on tables that existed before it, by table, strongest mode first
 * @param rewritten   the tables that existed before it and that it rewrote
 */
public record MeasuredMigration(String file, String version, double millis, int statements, int notMeasured,
                                boolean failed, List<TableLocks> locks, List<String> rewritten) {
    /**
     * @param table qualified name, as {@code public.users}
     * @param modes PostgreSQL's lock mode names ({@code AccessExclusiveLock}), strongest first
     */
    public record TableLocks(String table, List<String> modes) {
    }
}
