package dev.zdd.migrate.measure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The user tables of the scratch database at one moment, seen from inside the measuring transaction: each table's
 * storage file (which changes when PostgreSQL rewrites it) and the table locks this backend holds.
 *
 * @param names     qualified name of every table, partitioned table and materialized view, by oid
 * @param filenodes the storage file of each (partitioned tables have none)
 * @param locks     the relation locks this backend holds on user tables, as {@code oid:mode}
 */
record TableSnapshot(Map<Long, String> names, Map<Long, Long> filenodes, Set<Lock> locks) {
    record Lock(long table, String mode) {
    }

    /** Schemas of PostgreSQL itself: our own catalog queries lock them, and migrations do not target them. */
    private static final String USER_TABLES = "c.relkind IN ('r', 'p', 'm')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
            + " AND n.nspname NOT LIKE 'pg_temp%'";

    static TableSnapshot take(Connection connection) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> filenodes = new HashMap<>();
        Set<Lock> locks = new HashSet<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT c.oid, format('%I.%I', n.nspname, c.relname),"
                    + " pg_relation_filenode(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_TABLES)) {
                while (r.next()) {
                    names.put(r.getLong(1), r.getString(2));
                    long filenode = r.getLong(3);
                    if (!r.wasNull()) {
                        filenodes.put(r.getLong(1), filenode);
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT l.relation, l.mode FROM pg_locks l"
                    + " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND "
                    + USER_TABLES)) {
                while (r.next()) {
                    locks.add(new Lock(r.getLong(1), r.getString(2)));
                }
            }
        }
        return new TableSnapshot(names, filenodes, locks);
    }

    /** Rows in a table, counted (the statistics of a scratch database are often missing or stale). */
    static long rows(Connection connection, String qualifiedName) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + qualifiedName)) {
            r.next();
            return r.getLong(1);
        }
    }
}
