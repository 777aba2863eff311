package dev.zdd.migrate.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table and its primary key, as the catalog names them: every identifier zdd puts in SQL comes from
 * {@code format('%I')} over the catalog, never from the user's text, so quoting is PostgreSQL's own.
 *
 * @param name      the qualified, quoted name ({@code public.users}, {@code public."Users"})
 * @param keys      the primary key's columns, quoted, in key order
 * @param keyTypes  their types as SQL spells them ({@code integer}, {@code uuid}), to cast the cursor back
 */
record KeyedTable(String name, List<String> keys, List<String> keyTypes) {

    /** Finds {@code table} (as SQL would name it) and its primary key, or says clearly why not. */
    static KeyedTable find(Connection connection, String table) throws SQLException, BackfillException {
        Long oid;
        String name;
        try (PreparedStatement s = connection.prepareStatement("SELECT c.oid, format('%I.%I', n.nspname, c.relname),"
                + " c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass(?)")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new BackfillException("zdd.table: no table '" + table + "' in this database (as SQL"
                            + " names it: unquoted names are lower case; quote mixed case as \"Users\", or qualify"
                            + " with the schema)");
                }
                oid = r.getLong(1);
                name = r.getString(2);
                String kind = r.getString(3);
                if (!kind.equals("r") && !kind.equals("p")) {
                    throw new BackfillException("zdd.table: " + name + " is not a table");
                }
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                // to_regclass raises on text that is not a name at all, or on an unknown schema.
                throw new BackfillException("zdd.table: '" + table + "' is not a table name: " + e.getMessage(), e);
            }
            throw e;
        }
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT format('%I', a.attname),"
                + " format_type(a.atttypid, a.atttypmod) FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = ? AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)")) {
            s.setLong(1, oid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                    types.add(r.getString(2));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new BackfillException("zdd.table: " + name + " has no primary key; zdd walks a table in primary"
                    + " key order (keyset pagination), so it needs one: add one first (a unique index is not"
                    + " enough, its columns may be null)");
        }
        return new KeyedTable(name, List.copyOf(keys), List.copyOf(types));
    }

    /** {@code (a, b)} or {@code a}. */
    String keyList(String alias) {
        List<String> qualified = keys.stream().map(k -> alias == null ? k : alias + "." + k).toList();
        return keys.size() == 1 ? qualified.get(0) : "(" + String.join(", ", qualified) + ")";
    }

    /** {@code CAST(? AS integer)}, or a row of them: the cursor travels as text and is cast back to the key type. */
    String cursorParameters() {
        List<String> casts = keyTypes.stream().map(t -> "CAST(? AS " + t + ")").toList();
        return keys.size() == 1 ? casts.get(0) : "(" + String.join(", ", casts) + ")";
    }

    String orderBy(String alias, boolean descending) {
        return String.join(", ", keys.stream().map(k -> (alias == null ? k : alias + "." + k)
                + (descending ? " DESC" : "")).toList());
    }
}
