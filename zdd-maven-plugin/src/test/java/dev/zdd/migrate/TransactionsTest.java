package dev.zdd.migrate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionsTest {
    private static final String CONCURRENT = "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);";
    private static final String PLAIN = "ALTER TABLE t ADD COLUMN c text;";

    @Test
    void flywayWrapsAFileInATransactionUnlessAStatementForbidsIt() {
        assertTrue(Lint.parse(PLAIN, TransactionMode.FLYWAY).runsInTransaction());
        assertFalse(Lint.parse(CONCURRENT, TransactionMode.FLYWAY).runsInTransaction());
        assertFalse(Lint.parse("DROP INDEX CONCURRENTLY IF EXISTS i;", TransactionMode.FLYWAY).runsInTransaction());
        assertFalse(Lint.parse("REINDEX INDEX CONCURRENTLY i;", TransactionMode.FLYWAY).runsInTransaction());
        assertFalse(Lint.parse("VACUUM t;", TransactionMode.FLYWAY).runsInTransaction());
        assertFalse(Lint.parse("CREATE DATABASE d;", TransactionMode.FLYWAY).runsInTransaction());
        assertTrue(Lint.parse("CREATE INDEX IF NOT EXISTS i ON t (a);", TransactionMode.FLYWAY).runsInTransaction());
    }

    @Test
    void addingAnEnumValueForbidsATransactionOnlyBeforePostgres12() {
        MigrationScript script = Lint.parse("", TransactionMode.FLYWAY).script();
        String sql = "ALTER TYPE mood ADD VALUE 'meh';";
        assertFalse(new MigrationParser(11, TransactionMode.FLYWAY).parse(script, sql).runsInTransaction());
        assertTrue(new MigrationParser(12, TransactionMode.FLYWAY).parse(script, sql).runsInTransaction());
    }

    @Test
    void alwaysAndNoneForceOneReading() {
        assertTrue(Lint.parse(CONCURRENT, TransactionMode.ALWAYS).runsInTransaction());
        assertFalse(Lint.parse(PLAIN, TransactionMode.NONE).runsInTransaction());
        assertTrue(Lint.rules(CONCURRENT, 15, TransactionMode.ALWAYS)
                .contains("ban-concurrent-index-creation-in-transaction"));
        assertFalse(Lint.rules(CONCURRENT, 15, TransactionMode.FLYWAY)
                .contains("ban-concurrent-index-creation-in-transaction"));
    }

    @Test
    void explicitBeginAndCommitOpenAndCloseTheTransaction() {
        ParsedMigration m = Lint.parse("ALTER TABLE t ADD COLUMN a text; BEGIN; " + PLAIN + " COMMIT; " + PLAIN,
                TransactionMode.NONE);
        assertEquals(java.util.List.of(false, false, true, true, false), m.inTransaction());
        assertTrue(Lint.rules("SET lock_timeout = '1s'; " + PLAIN, 15, TransactionMode.NONE)
                .contains("prefer-robust-stmts"), "a bare script cannot be rerun after failing half-way");
        assertFalse(Lint.rules("SET lock_timeout = '1s'; BEGIN; " + PLAIN + " COMMIT;", 15, TransactionMode.NONE)
                .contains("prefer-robust-stmts"));
    }

    @Test
    void aCommitInAFlywayWrappedFileIsNesting() {
        assertTrue(Lint.rules("SET lock_timeout = '1s'; " + PLAIN + " COMMIT;", 15, TransactionMode.FLYWAY)
                .contains("transaction-nesting"));
        assertFalse(Lint.rules("SET lock_timeout = '1s'; " + PLAIN + " COMMIT;", 15, TransactionMode.NONE)
                .contains("transaction-nesting"));
    }

    @Test
    void parseTakesTheModeInAnyCaseAndRefusesOthers() {
        assertEquals(TransactionMode.FLYWAY, TransactionMode.parse(" Flyway "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TransactionMode.parse("sometimes"));
        assertTrue(e.getMessage().contains("'sometimes'"), e.getMessage());
    }
}
