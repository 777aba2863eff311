package dev.zdd.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expand-and-contract across the files of one release: the migrations newer than the released version. */
class ReleaseContractsTest {
    @TempDir
    Path temp;

    private void migration(String name, String sql) throws IOException {
        Files.createDirectories(temp.resolve("db"));
        Files.writeString(temp.resolve("db").resolve(name), "SET lock_timeout = '2s';\n" + sql + "\n");
    }

    private List<Finding> expandAndContract(String releasedVersion) throws IOException {
        LintConfig config = new LintConfig(List.of(temp.resolve("db")), temp, 15, TransactionMode.FLYWAY, Set.of(),
                releasedVersion == null ? null : MigrationVersion.parse(releasedVersion));
        return new MigrationLinter(config).lint().findings().stream()
                .filter(f -> f.rule().equals("expand-and-contract")).toList();
    }

    private void usersReleasedThenEmailLowerInAndEmailOut() throws IOException {
        migration("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);");
        migration("V2__email_lower.sql", "ALTER TABLE users ADD COLUMN email_lower text;");
        migration("V3__drop_email.sql", "-- the new code reads email_lower\nALTER TABLE users DROP COLUMN email;");
    }

    @Test
    void aLaterFileDroppingBesideWhatAnEarlierFileOfTheReleaseAddedIsFlaggedWithBothPlaces() throws IOException {
        usersReleasedThenEmailLowerInAndEmailOut();
        List<Finding> found = expandAndContract("1");
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("db/V3__drop_email.sql:3:19", f.location());
        assertTrue(f.message().contains("drops column users.email"), f.message());
        assertTrue(f.message().contains("db/V2__email_lower.sql:2:19 adds users.email_lower"), f.message());
        assertTrue(f.message().contains("released version 1"), f.message());
    }

    @Test
    void theSameFilesSpreadOverTwoReleasesOrWithoutAReleasedVersionAreFine() throws IOException {
        usersReleasedThenEmailLowerInAndEmailOut();
        assertEquals(List.of(), expandAndContract("2"), "the expand went out in an earlier release");
        assertEquals(List.of(), expandAndContract(null), "which files go out together is unknown");
    }

    @Test
    void tighteningTheColumnTheReleaseAddsIsFlagged() throws IOException {
        migration("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        migration("V2__add_name.sql", "ALTER TABLE users ADD COLUMN name text;");
        migration("V2.1__name_required.sql", "ALTER TABLE users ALTER COLUMN name SET NOT NULL;");
        List<Finding> found = expandAndContract("1");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("sets users.name NOT NULL"), found.get(0).message());
    }

    @Test
    void droppingATableTheReleaseCreatesIsFlagged() throws IOException {
        migration("V1__base.sql", "SELECT 1;");
        migration("V2__tmp.sql", "CREATE TABLE import_tmp (id bigint);");
        migration("V3__drop_tmp.sql", "DROP TABLE import_tmp;");
        List<Finding> found = expandAndContract("1");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("db/V2__tmp.sql:2:1 creates table import_tmp"),
                found.get(0).message());
    }

    @Test
    void nearMissesAreNotFlagged() throws IOException {
        migration("V1__base.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, note text);");
        // A new table, and a constraint validated on it in a later file: its rows are the release's own.
        migration("V2__tags.sql", "CREATE TABLE tags (id bigint, name text);");
        migration("V2.1__tags_color.sql", "ALTER TABLE tags ADD COLUMN color text;");
        migration("V3__tags_check.sql", "ALTER TABLE tags ADD CONSTRAINT name_set CHECK (name IS NOT NULL);");
        // An expand of one table and a contract of another.
        migration("V4__users_name.sql", "ALTER TABLE users ADD COLUMN name text;");
        migration("V5__orders_note.sql", "ALTER TABLE orders DROP COLUMN note;");
        assertEquals(List.of(), expandAndContract("1"));
    }

    @Test
    void aContractBeforeTheExpandIsNotFlagged() throws IOException {
        migration("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);");
        migration("V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;");
        migration("V3__email_lower.sql", "ALTER TABLE users ADD COLUMN email_lower text;");
        assertEquals(List.of(), expandAndContract("1"));
    }

    @Test
    void aReasonedIgnoreOnTheContractSilencesIt() throws IOException {
        migration("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);");
        migration("V2__email_lower.sql", "ALTER TABLE users ADD COLUMN email_lower text;");
        migration("V3__drop_email.sql", "-- zdd:ignore expand-and-contract email has been unused since release 40\n"
                + "ALTER TABLE users DROP COLUMN email;");
        assertEquals(List.of(), expandAndContract("1"));
    }

    @Test
    void aFileThatAlsoExpandsItselfIsReportedOnce() throws IOException {
        migration("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);");
        migration("V2__email_lower.sql", "ALTER TABLE users ADD COLUMN email_lower text;");
        migration("V3__both.sql", "CREATE INDEX CONCURRENTLY i ON users (email_lower);");
        migration("V4__both.sql", "ALTER TABLE users ADD COLUMN email_norm text;\n"
                + "ALTER TABLE users DROP COLUMN email;");
        assertEquals(1, expandAndContract("1").size(), expandAndContract("1").toString());
    }
}
