package dev.zdd.migrate;

import dev.zdd.migrate.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every rule on SQL that must trip it, and on near misses that must not. Files run as Flyway runs them (one
 * transaction unless a statement forbids it), on PostgreSQL 15, with a lock_timeout set first.
 */
class RulesTest {
    static Stream<Arguments> fires() {
        return Stream.of(
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c float8 DEFAULT random();"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c uuid NOT NULL DEFAULT gen_random_uuid();"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT clock_timestamp();"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c int DEFAULT my_func();"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a * 2) STORED;"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN id bigserial;"),
                arguments("adding-not-nullable-field", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;"),
                arguments("adding-not-nullable-field", """
                        ALTER TABLE t ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;
                        ALTER TABLE t ALTER COLUMN d SET NOT NULL;"""),
                arguments("adding-required-field", "ALTER TABLE t ADD COLUMN c text NOT NULL;"),
                arguments("adding-foreign-key-constraint", "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id);"),
                arguments("adding-foreign-key-constraint", "ALTER TABLE t ADD COLUMN u bigint REFERENCES u (id);"),
                arguments("adding-serial-primary-key-field", "ALTER TABLE t ADD PRIMARY KEY (id);"),
                arguments("adding-serial-primary-key-field", "ALTER TABLE t ADD COLUMN id bigint PRIMARY KEY;"),
                arguments("ban-char-field", "CREATE TABLE t (code char(3));"),
                arguments("ban-char-field", "ALTER TABLE t ADD COLUMN code character(2);"),
                arguments("ban-drop-column", "ALTER TABLE t DROP COLUMN c;"),
                arguments("ban-drop-database", "DROP DATABASE prod;"),
                arguments("ban-drop-table", "DROP TABLE IF EXISTS t;"),
                arguments("ban-drop-not-null", "ALTER TABLE t ALTER COLUMN c DROP NOT NULL;"),
                arguments("changing-column-type", "ALTER TABLE t ALTER COLUMN c TYPE bigint;"),
                arguments("changing-column-type", "ALTER TABLE t ALTER c SET DATA TYPE text USING c::text;"),
                arguments("constraint-missing-not-valid", "ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0);"),
                arguments("constraint-missing-not-valid", """
                        ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0) NOT VALID;
                        ALTER TABLE t VALIDATE CONSTRAINT pos;"""),
                arguments("disallowed-unique-constraint", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (email);"),
                arguments("disallowed-unique-constraint", "ALTER TABLE t ADD COLUMN email text UNIQUE;"),
                arguments("renaming-column", "ALTER TABLE t RENAME COLUMN a TO b;"),
                arguments("renaming-column", "ALTER TABLE t RENAME a TO b;"),
                arguments("renaming-table", "ALTER TABLE t RENAME TO t2;"),
                arguments("require-concurrent-index-creation", "CREATE INDEX i ON t (a);"),
                arguments("require-concurrent-index-creation", "CREATE UNIQUE INDEX ON public.t USING btree (a);"),
                arguments("require-concurrent-index-deletion", "DROP INDEX i;"),
                arguments("require-concurrent-reindex", "REINDEX INDEX i;"),
                arguments("require-concurrent-partition-detach", "ALTER TABLE p DETACH PARTITION p1;"),
                arguments("prefer-bigint-over-int", "CREATE TABLE t (n integer);"),
                arguments("prefer-bigint-over-int", "ALTER TABLE t ADD COLUMN n int4;"),
                arguments("prefer-bigint-over-smallint", "CREATE TABLE t (n smallint);"),
                arguments("prefer-identity", "CREATE TABLE t (id bigserial PRIMARY KEY);"),
                arguments("prefer-text-field", "CREATE TABLE t (name varchar(100));"),
                arguments("prefer-text-field", "CREATE TABLE t (name pg_catalog.varchar(100));"),
                arguments("prefer-text-field", "ALTER TABLE t ALTER COLUMN name TYPE character varying(200);"),
                arguments("prefer-timestamptz", "CREATE TABLE t (at timestamp);"),
                arguments("prefer-timestamptz", "ALTER TABLE t ADD COLUMN at timestamp without time zone;"),
                arguments("prefer-robust-stmts", "CREATE INDEX CONCURRENTLY i ON t (a);"),
                arguments("ban-concurrent-index-creation-in-transaction",
                        "BEGIN; CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a); COMMIT;"),
                arguments("transaction-nesting", "BEGIN; ALTER TABLE t ADD COLUMN c text; COMMIT;"),
                arguments("ban-truncate-cascade", "TRUNCATE TABLE t CASCADE;"),
                arguments("expand-and-contract", """
                        ALTER TABLE users ADD COLUMN email_lower text;
                        ALTER TABLE users DROP COLUMN email;"""),
                arguments("ban-create-domain-with-constraint", "CREATE DOMAIN price AS numeric(15, 5) CHECK (VALUE > 0);"),
                arguments("ban-create-domain-with-constraint", "CREATE DOMAIN code text NOT NULL;"),
                arguments("ban-create-domain-with-constraint",
                        "CREATE DOMAIN code AS text DEFAULT 'x' CONSTRAINT code_len CHECK (length(VALUE) < 9);"),
                arguments("ban-alter-domain-with-add-constraint",
                        "ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0);"),
                arguments("ban-alter-domain-with-add-constraint",
                        "ALTER DOMAIN public.price ADD CHECK (VALUE > 0) NOT VALID;"),
                arguments("require-enum-value-ordering", "ALTER TYPE status ADD VALUE 'pending';"),
                arguments("require-enum-value-ordering", "ALTER TYPE status ADD VALUE IF NOT EXISTS 'before';"),
                arguments("identifier-too-long", "CREATE TABLE t (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bigint);"),
                arguments("identifier-too-long", "DROP INDEX CONCURRENTLY IF EXISTS \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\";"),
                // 32 two-byte characters: 32 characters, but 64 bytes.
                arguments("identifier-too-long", "CREATE TABLE \"éééééééééééééééééééééééééééééééé\" (id bigint);"),
                arguments("prefer-repack", "VACUUM FULL t;"),
                arguments("prefer-repack", "VACUUM (FULL, ANALYZE) t;"),
                arguments("prefer-repack", "VACUUM (VERBOSE, FULL true) t;"),
                arguments("prefer-repack", "CLUSTER t USING t_pkey;"),
                arguments("ban-duplicate-column-assignments", "CREATE TABLE t (a int, b text, A text);"),
                arguments("ban-duplicate-column-assignments", "UPDATE t SET a = 1, b = 2, a = 3 WHERE id = 1;"),
                arguments("ban-duplicate-column-assignments", "UPDATE t AS x SET (a, b) = (1, 2), b = 3;"),
                arguments("ban-duplicate-column-assignments", "INSERT INTO t (a, b, a) VALUES (1, 2, 3);"),
                arguments("ban-duplicate-column-assignments", "INSERT INTO t (a, b) VALUES (1, 2)"
                        + " ON CONFLICT (a) DO UPDATE SET b = excluded.b, b = 0;"),
                arguments("ban-duplicate-column-assignments", "UPDATE t SET a[1] = 1, a = '{}';"),
                arguments("ban-duplicate-column-assignments", "CREATE OR REPLACE VIEW v (a, a) AS SELECT 1, 2;"));
    }

    static Stream<Arguments> nearMisses() {
        return Stream.of(
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c int DEFAULT 0;"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c text DEFAULT 'random()';"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT CURRENT_TIMESTAMP;"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c jsonb DEFAULT '{}'::jsonb NOT NULL;"),
                arguments("adding-field-with-default", "ALTER TABLE t ADD COLUMN c numeric DEFAULT 1.5::numeric(10, 2);"),
                arguments("adding-field-with-default", "ALTER TABLE t ALTER COLUMN c SET DEFAULT random();"),
                arguments("adding-field-with-default", "CREATE TABLE t (id uuid DEFAULT gen_random_uuid());"),
                arguments("adding-not-nullable-field", """
                        ALTER TABLE t ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;
                        COMMIT;
                        ALTER TABLE t VALIDATE CONSTRAINT c_nn;
                        ALTER TABLE t ALTER COLUMN c SET NOT NULL;"""),
                arguments("adding-not-nullable-field", "ALTER TABLE t VALIDATE CONSTRAINT c_nn;\n"
                        + "ALTER TABLE t ALTER COLUMN c SET NOT NULL;"),
                arguments("adding-not-nullable-field", "CREATE TABLE t (c text NOT NULL);"),
                arguments("adding-required-field", "ALTER TABLE t ADD COLUMN c text NOT NULL DEFAULT '';"),
                arguments("adding-required-field", "ALTER TABLE t ADD COLUMN c text;"),
                arguments("adding-required-field", "ALTER TABLE t ADD COLUMN c int NOT NULL GENERATED ALWAYS AS (a) STORED;"),
                arguments("adding-foreign-key-constraint", "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id) NOT VALID;"),
                arguments("adding-foreign-key-constraint", "CREATE TABLE t (u bigint REFERENCES u (id));"),
                arguments("adding-foreign-key-constraint", """
                        CREATE TABLE t (id bigint, u bigint);
                        ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id);"""),
                arguments("adding-serial-primary-key-field", "ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY USING INDEX t_id;"),
                arguments("adding-serial-primary-key-field", "CREATE TABLE t (id bigint PRIMARY KEY);"),
                arguments("ban-char-field", "CREATE TABLE t (code varchar, name character varying, c text);"),
                arguments("ban-char-field", "CREATE TABLE t (charge int8, chars text);"),
                arguments("ban-drop-column", "ALTER TABLE t DROP CONSTRAINT c;"),
                arguments("ban-drop-column", "ALTER TABLE t ALTER COLUMN c DROP DEFAULT;"),
                arguments("ban-drop-database", "DROP SCHEMA s;"),
                arguments("ban-drop-table", "DROP INDEX CONCURRENTLY IF EXISTS t;"),
                arguments("ban-drop-table", "-- DROP TABLE t;\nSELECT 'DROP TABLE t';"),
                arguments("ban-drop-not-null", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;"),
                arguments("changing-column-type", "ALTER TABLE t ALTER COLUMN c SET DEFAULT 1;"),
                arguments("changing-column-type", "ALTER TYPE mood ADD VALUE 'meh';"),
                arguments("constraint-missing-not-valid", "ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0) NOT VALID;"),
                arguments("constraint-missing-not-valid", "ALTER TABLE t VALIDATE CONSTRAINT pos;"),
                arguments("constraint-missing-not-valid", "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX t_u;"),
                arguments("constraint-missing-not-valid", """
                        CREATE TABLE t (n int);
                        ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0);"""),
                arguments("disallowed-unique-constraint", "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX t_u;"),
                arguments("disallowed-unique-constraint", "CREATE TABLE t (email text UNIQUE);"),
                arguments("disallowed-unique-constraint", "CREATE TABLE t (email text);\n"
                        + "ALTER TABLE t ADD CONSTRAINT u UNIQUE (email);"),
                arguments("renaming-column", "ALTER TABLE t RENAME CONSTRAINT a TO b;"),
                arguments("renaming-column", "ALTER INDEX i RENAME TO j;"),
                arguments("renaming-table", "ALTER TABLE t RENAME COLUMN a TO b;"),
                arguments("require-concurrent-index-creation", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"),
                arguments("require-concurrent-index-creation", "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);"),
                arguments("require-concurrent-index-deletion", "DROP INDEX CONCURRENTLY IF EXISTS i;"),
                arguments("require-concurrent-reindex", "REINDEX INDEX CONCURRENTLY i;"),
                arguments("require-concurrent-partition-detach", "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;"),
                arguments("prefer-bigint-over-int", "CREATE TABLE t (n bigint, m int8, point interval);"),
                arguments("prefer-bigint-over-smallint", "CREATE TABLE t (n bigint);"),
                arguments("prefer-identity", "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY);"),
                arguments("prefer-identity", "CREATE TABLE t (\"serial\" text);"),
                arguments("prefer-text-field", "CREATE TABLE t (name varchar, other text);"),
                arguments("prefer-timestamptz", "CREATE TABLE t (at timestamptz, b timestamp with time zone);"),
                arguments("prefer-robust-stmts", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"),
                arguments("prefer-robust-stmts", "ALTER TABLE t ADD COLUMN c text;"),
                arguments("ban-concurrent-index-creation-in-transaction",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"),
                arguments("transaction-nesting", "ALTER TABLE t ADD COLUMN c text;"),
                arguments("transaction-nesting", "DO $$ BEGIN PERFORM 1; COMMIT; END $$;"),
                arguments("ban-truncate-cascade", "TRUNCATE TABLE t;"),
                arguments("expand-and-contract", "ALTER TABLE users ADD COLUMN email_lower text;\n"
                        + "ALTER TABLE orders DROP COLUMN note;"),
                arguments("expand-and-contract", "CREATE TABLE tmp (a int);\nALTER TABLE tmp ADD COLUMN b int;\n"
                        + "DROP TABLE tmp;"),
                arguments("ban-create-domain-with-constraint", "CREATE DOMAIN code AS text;"),
                arguments("ban-create-domain-with-constraint", "CREATE DOMAIN price AS numeric(15, 5) DEFAULT 0;"),
                arguments("ban-create-domain-with-constraint", "CREATE DOMAIN flag AS boolean DEFAULT (1 IS NOT NULL)"
                        + " COLLATE \"C\";"),
                arguments("ban-create-domain-with-constraint", "CREATE TABLE t (a text NOT NULL CHECK (a <> ''));"),
                arguments("ban-alter-domain-with-add-constraint", "ALTER DOMAIN price SET NOT NULL;"),
                arguments("ban-alter-domain-with-add-constraint", "ALTER DOMAIN price DROP CONSTRAINT positive;"),
                arguments("ban-alter-domain-with-add-constraint", "ALTER DOMAIN price VALIDATE CONSTRAINT positive;"),
                arguments("ban-alter-domain-with-add-constraint", "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;"),
                arguments("require-enum-value-ordering", "ALTER TYPE status ADD VALUE 'pending' BEFORE 'approved';"),
                arguments("require-enum-value-ordering", "ALTER TYPE status ADD VALUE IF NOT EXISTS 'x' AFTER 'b';"),
                arguments("require-enum-value-ordering", "ALTER TYPE status RENAME VALUE 'a' TO 'b';"),
                arguments("require-enum-value-ordering", "CREATE TYPE status AS ENUM ('draft', 'done');"),
                arguments("identifier-too-long", "CREATE TABLE t (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bigint);"),
                arguments("identifier-too-long", "INSERT INTO t (a) VALUES ( + long64 + );"),
                // 31 two-byte characters and one ASCII letter: 63 bytes.
                arguments("identifier-too-long", "CREATE TABLE \"éééééééééééééééééééééééééééééééx\" (id bigint);"),
                arguments("identifier-too-long", "DO $$ BEGIN PERFORM aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(); END $$;"),
                arguments("prefer-repack", "VACUUM t;"),
                arguments("prefer-repack", "VACUUM (ANALYZE, FULL false) t;"),
                arguments("prefer-repack", "VACUUM ANALYZE t;"),
                arguments("prefer-repack", "ALTER TABLE t CLUSTER ON t_pkey;"),
                arguments("prefer-repack", "SELECT cluster FROM t;"),
                arguments("ban-duplicate-column-assignments", "CREATE TABLE t (a int, b text, CHECK (a > 0 AND a < 9));"),
                arguments("ban-duplicate-column-assignments", "UPDATE t SET a = a + 1, b = a WHERE a = 1 AND a < 9;"),
                arguments("ban-duplicate-column-assignments", "UPDATE t SET a[1] = 1, a[2] = 2;"),
                arguments("ban-duplicate-column-assignments", "UPDATE t SET p.x = 1, p.y = 2 FROM u WHERE u.a = t.a;"),
                arguments("ban-duplicate-column-assignments", "INSERT INTO t (a, b) SELECT a, a FROM u;"),
                arguments("ban-duplicate-column-assignments", "INSERT INTO t (a, b) VALUES (1, 2)"
                        + " ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.b = excluded.b RETURNING a, a;"),
                arguments("ban-duplicate-column-assignments", "CREATE VIEW v (a, b) AS SELECT 1 AS a, 2 AS a;"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fires")
    void fires(String rule, String sql) {
        List<String> found = Lint.rulesBesidesLockTimeout(sql);
        assertTrue(found.contains(rule), () -> rule + " expected, found " + found);
    }

    @ParameterizedTest(name = "{0} must not fire: {1}")
    @MethodSource("nearMisses")
    void nearMissesDoNotFire(String rule, String sql) {
        List<String> found = Lint.rulesBesidesLockTimeout(sql);
        assertFalse(found.contains(rule), () -> rule + " must not fire, found " + found);
    }

    @Test
    void everyRuleHasATestThatTripsIt() {
        Set<String> tested = new HashSet<>();
        fires().forEach(a -> tested.add((String) a.get()[0]));
        tested.add("require-lock-timeout");
        tested.add("ban-uncommitted-transaction");
        Set<String> untested = new HashSet<>(RuleCatalog.infos().stream().map(RuleInfo::id).toList());
        untested.removeAll(tested);
        assertEquals(Set.of(), untested);
    }

    @Test
    void repackIsTheWayOutFromPostgres19AndPgRepackBefore() {
        String sql = "VACUUM FULL t;";
        Finding on15 = Lint.findings(sql, 15, TransactionMode.FLYWAY).stream()
                .filter(f -> f.rule().equals("prefer-repack")).findFirst().orElseThrow();
        Finding on19 = Lint.findings(sql, 19, TransactionMode.FLYWAY).stream()
                .filter(f -> f.rule().equals("prefer-repack")).findFirst().orElseThrow();
        assertEquals("V1__test.sql:1:8", on15.location(), "it points at FULL");
        assertTrue(on15.hint().contains("pg_repack"), on15.hint());
        assertTrue(on19.hint().startsWith("REPACK (CONCURRENTLY)"), on19.hint());
    }

    @Test
    void aDuplicateIsReportedWhereItIsRepeatedNamingTheFirst() {
        List<Finding> found = Lint.findings("SET lock_timeout = '1s';\nUPDATE t SET a = 1,\n  b = 2,\n  a = 3;",
                15, TransactionMode.FLYWAY).stream().filter(f -> f.rule().equals("ban-duplicate-column-assignments"))
                .toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals("V1__test.sql:4:3", found.get(0).location());
        assertTrue(found.get(0).message().contains("line 2"), found.get(0).message());
    }

    @Test
    void clusterAndVacuumFullNeedALockTimeoutLikeOtherRewrites() {
        assertTrue(Lint.rules("CLUSTER t USING t_pkey;").contains("require-lock-timeout"));
        assertTrue(Lint.rules("VACUUM FULL t;").contains("require-lock-timeout"));
        assertFalse(Lint.rules("VACUUM ANALYZE t;").contains("require-lock-timeout"));
    }

    @Test
    void beforePostgres11AnyDefaultRewrites() {
        String sql = "SET lock_timeout = '1s'; ALTER TABLE t ADD COLUMN c int DEFAULT 0;";
        assertTrue(Lint.rules(sql, 10, TransactionMode.FLYWAY).contains("adding-field-with-default"));
        assertFalse(Lint.rules(sql, 11, TransactionMode.FLYWAY).contains("adding-field-with-default"));
    }

    @Test
    void aValidatedNotNullCheckOnlyHelpsFromPostgres12() {
        String sql = """
                SET lock_timeout = '1s';
                ALTER TABLE t VALIDATE CONSTRAINT c_nn;
                ALTER TABLE t ALTER COLUMN c SET NOT NULL;""";
        assertTrue(Lint.rules(sql, 11, TransactionMode.FLYWAY).contains("adding-not-nullable-field"));
        assertFalse(Lint.rules(sql, 12, TransactionMode.FLYWAY).contains("adding-not-nullable-field"));
    }

    @Test
    void lockTimeoutIsRequiredOncePerFileBeforeTheFirstLockingStatement() {
        List<Finding> findings = Lint.findings("CREATE TABLE a (id bigint);\nALTER TABLE t ADD COLUMN c text;\n"
                + "ALTER TABLE t ADD COLUMN d text;", 15, TransactionMode.FLYWAY);
        List<Finding> timeouts = findings.stream().filter(f -> f.rule().equals("require-lock-timeout")).toList();
        assertEquals(1, timeouts.size(), findings.toString());
        assertEquals(2, timeouts.get(0).line(), "the new table locks nothing: the ALTER is the first");
        assertFalse(Lint.rules("SET LOCAL lock_timeout TO '2s';\nALTER TABLE t ADD COLUMN c text;")
                .contains("require-lock-timeout"));
        assertFalse(Lint.rules("CREATE TABLE a (id bigint);\nINSERT INTO a VALUES (1);")
                .contains("require-lock-timeout"));
    }

    @Test
    void aBeginWithoutCommitIsReportedInABareScript() {
        assertTrue(Lint.rules("SET lock_timeout = '1s'; BEGIN; ALTER TABLE t ADD COLUMN c text;", 15,
                TransactionMode.NONE).contains("ban-uncommitted-transaction"));
        assertFalse(Lint.rules("SET lock_timeout = '1s'; BEGIN; ALTER TABLE t ADD COLUMN c text; COMMIT;", 15,
                TransactionMode.NONE).contains("ban-uncommitted-transaction"));
    }

    @Test
    void findingsPointAtTheOffendingPart() {
        List<Finding> findings = Lint.findings("SET lock_timeout = '1s';\nALTER TABLE t\n  ADD COLUMN a text,\n"
                + "  ADD COLUMN b float8 DEFAULT random();", 15, TransactionMode.FLYWAY);
        Finding f = findings.stream().filter(x -> x.rule().equals("adding-field-with-default")).findFirst()
                .orElseThrow();
        assertEquals("V1__test.sql:4:31", f.location());
        assertTrue(f.message().contains("random()"), f.message());
        assertFalse(f.hint().isEmpty());
    }

    @Test
    void anUnterminatedStringIsASyntaxErrorNotACrash() {
        List<Finding> findings = Lint.findings("ALTER TABLE t DROP COLUMN a;\nINSERT INTO t VALUES ('oops);\n",
                15, TransactionMode.FLYWAY);
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals("ban-drop-column")), "what comes before is"
                + " still checked: " + findings);
        Finding syntax = findings.stream().filter(f -> f.rule().equals("syntax-error")).findFirst().orElseThrow();
        assertEquals("V1__test.sql:2:23", syntax.location());
    }

    @Test
    void oddInputNeverThrows() {
        for (String sql : List.of("ALTER", "ALTER TABLE", "ALTER TABLE t ADD", "ALTER TABLE t ALTER COLUMN",
                "CREATE TABLE (", "CREATE INDEX ON", "DROP TABLE", "ALTER TABLE t ADD CONSTRAINT", ";;;", "(((",
                "ALTER TABLE t ADD COLUMN c int DEFAULT", "ALTER TABLE t RENAME", "$", "E'", "U&\"x")) {
            Lint.findings(sql, 15, TransactionMode.FLYWAY);
            Lint.findings(sql, 9, TransactionMode.NONE);
        }
        assertEquals(List.of("syntax-error"), Lint.rules("E'"));
    }
}
