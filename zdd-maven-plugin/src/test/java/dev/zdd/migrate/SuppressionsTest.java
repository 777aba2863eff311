package dev.zdd.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionsTest {
    private static final String LOCK = "SET lock_timeout = '1s';\n";

    @Test
    void zddIgnoreWithAReasonSuppressesTheRuleForTheNextStatementOnly() {
        List<String> found = Lint.rules(LOCK + "-- zdd:ignore ban-drop-column v41 no longer reads it\n"
                + "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;");
        assertEquals(List.of("ban-drop-column"), found.stream().filter(r -> r.equals("ban-drop-column")).toList(),
                "the second drop is still reported");
    }

    @Test
    void severalRuleIdsCanBeIgnoredAtOnce() {
        List<String> found = Lint.rules(LOCK + "-- zdd:ignore ban-drop-column, prefer-robust-stmts old code gone\n"
                + "ALTER TABLE t DROP COLUMN a;");
        assertFalse(found.contains("ban-drop-column"), found.toString());
    }

    @Test
    void aZddIgnoreWithoutReasonIsAFindingAndSuppressesNothing() {
        List<Finding> found = Lint.findings(LOCK + "-- zdd:ignore ban-drop-column\nALTER TABLE t DROP COLUMN a;",
                15, TransactionMode.FLYWAY);
        assertTrue(found.stream().anyMatch(f -> f.rule().equals("ban-drop-column")), found.toString());
        Finding invalid = found.stream().filter(f -> f.rule().equals("invalid-ignore")).findFirst().orElseThrow();
        assertEquals("V1__test.sql:2:1", invalid.location());
    }

    @Test
    void anUnknownRuleIdIsAFinding() {
        List<String> found = Lint.rules(LOCK + "-- zdd:ignore ban-drop-colum typo here\nALTER TABLE t DROP COLUMN a;");
        assertTrue(found.contains("invalid-ignore") && found.contains("ban-drop-column"), found.toString());
    }

    @Test
    void squawkIgnoreCommentsAreAcceptedWithoutAReason() {
        List<String> found = Lint.rules(LOCK + "-- squawk-ignore ban-drop-column, prefer-timestamp-tz\n"
                + "ALTER TABLE t DROP COLUMN a, ADD COLUMN b timestamp;");
        assertFalse(found.contains("ban-drop-column"), found.toString());
        assertFalse(found.contains("prefer-timestamptz"), "squawk's printed id is an alias: " + found);
        assertFalse(found.contains("invalid-ignore"), found.toString());
    }

    @Test
    void anIgnoreAfterTheStatementDoesNotApplyToIt() {
        List<String> found = Lint.rules(LOCK + "ALTER TABLE t DROP COLUMN a; -- zdd:ignore ban-drop-column too late\n");
        assertTrue(found.contains("ban-drop-column"), found.toString());
    }

    @Test
    void aBlockCommentWorksToo() {
        assertFalse(Lint.rules(LOCK + "/* zdd:ignore renaming-column the view keeps the old name */\n"
                + "ALTER TABLE t RENAME a TO b;").contains("renaming-column"));
    }
}
