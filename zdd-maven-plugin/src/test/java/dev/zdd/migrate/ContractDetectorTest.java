package dev.zdd.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractDetectorTest {
    private static Contract contract(String sql) {
        return ContractDetector.detect(Lint.parse(sql, TransactionMode.FLYWAY)).contract();
    }

    @Test
    void dropsRenamesAndTighteningsAreContracts() {
        for (String sql : List.of("ALTER TABLE t DROP COLUMN a;", "DROP TABLE t;", "ALTER TABLE t RENAME a TO b;",
                "ALTER TABLE t RENAME TO u;", "ALTER TABLE t ALTER COLUMN a SET NOT NULL;",
                "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", "ALTER TABLE t VALIDATE CONSTRAINT c;",
                "-- zdd:contract removes the legacy export\nSELECT 1;")) {
            assertTrue(contract(sql).contract(), sql);
        }
    }

    @Test
    void expandStepsAreNotContracts() {
        for (String sql : List.of("ALTER TABLE t ADD COLUMN a text;", "CREATE TABLE t (a int);",
                "CREATE INDEX CONCURRENTLY i ON t (a);", "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;",
                "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;", "CREATE TABLE tmp (a int); DROP TABLE tmp;",
                "-- not a zdd:contract mark\nSELECT 1;")) {
            assertFalse(contract(sql).contract(), sql);
        }
    }

    @Test
    void reasonsSayWhatAndWhere() {
        assertEquals(List.of("2:15 drops column t.a"), contract("SELECT 1;\nALTER TABLE t DROP COLUMN a;").reasons());
    }

    @Test
    void theLinterExposesContractMigrations() {
        ContractDetector.Result result = ContractDetector.detect(Lint.parse(
                "ALTER TABLE users ADD COLUMN email_lower text;\nALTER TABLE users RENAME email TO email_old;",
                TransactionMode.FLYWAY));
        assertEquals(1, result.findings().size());
        Finding f = result.findings().get(0);
        assertEquals("expand-and-contract", f.rule());
        assertEquals(2, f.line());
        assertTrue(f.message().contains("adds users.email_lower"), f.message());
    }
}
