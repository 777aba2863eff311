package dev.zdd.migrate.backfill;

/**
 * The SQL of a backfill. One batch is one statement: pick the next {@code batchSize} rows after the cursor that
 * still match {@code where}, in key order through the primary key index (never OFFSET, which rescans all the rows
 * before it), lock them, update them, and return how many and the last key. Rows are locked before they are
 * updated, so a row a writer changed in between is re-checked against {@code where} by PostgreSQL.
 */
final class BatchSql {
    private final KeyedTable table;
    private final String set;
    private final String where;

    BatchSql(KeyedTable table, String set, String where) {
        this.table = table;
        this.set = set;
        this.where = where;
    }

    /**
     * The batch statement; with a cursor it takes one parameter per key column, then the limit. The batch's key
     * columns get names of their own, so a {@code set} that reads the key ({@code n = id * 2}) is not ambiguous.
     */
    String batch(boolean fromCursor) {
        String after = fromCursor ? table.keyList(null) + " > " + table.cursorParameters() + " AND " : "";
        StringBuilder picked = new StringBuilder();
        StringBuilder batchKeys = new StringBuilder();
        StringBuilder lastKeys = new StringBuilder();
        StringBuilder lastOrder = new StringBuilder();
        for (int i = 0; i < table.keys().size(); i++) {
            String alias = "zdd_key_" + (i + 1);
            String sep = i == 0 ? "" : ", ";
            picked.append(sep).append(table.keys().get(i)).append(" AS ").append(alias);
            batchKeys.append(sep).append("b.").append(alias);
            lastKeys.append(sep).append("last.").append(alias).append("::text");
            lastOrder.append(sep).append(alias).append(" DESC");
        }
        String batchRow = table.keys().size() == 1 ? batchKeys.toString() : "(" + batchKeys + ")";
        return "WITH batch AS (SELECT " + picked + " FROM " + table.name() + " WHERE " + after + "(" + where + ")"
                + " ORDER BY " + table.orderBy(null, false) + " LIMIT ? FOR UPDATE),"
                + " done AS (UPDATE " + table.name() + " AS t SET " + set + " FROM batch b WHERE "
                + table.keyList("t") + " = " + batchRow + " RETURNING 1)"
                + " SELECT (SELECT count(*) FROM done), " + lastKeys
                + " FROM (SELECT * FROM batch ORDER BY " + lastOrder + " LIMIT 1) last";
    }

    /**
     * Plans the whole update without running it: a typo in {@code set} or {@code where}, an unknown column or a
     * type mismatch fails here, before any row changes.
     */
    String explain() {
        return "EXPLAIN UPDATE " + table.name() + " SET " + set + " WHERE (" + where + ")";
    }

    String count() {
        return "SELECT count(*) FROM " + table.name() + " WHERE (" + where + ")";
    }
}
