package dev.zdd.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationScannerTest {
    @TempDir
    Path temp;

    private Path file(String path) throws IOException {
        Path file = temp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "SELECT 1;");
        return file;
    }

    @Test
    void migrationsAreOrderedByVersionNumberByNumberAcrossFolders() throws IOException {
        file("a/V1.10__ten.sql");
        file("a/V1.9__nine.sql");
        file("b/V2__two.sql");
        file("b/sub/V1_2__one_two.sql");
        file("a/R__view.sql");
        file("a/notes.txt");
        MigrationScanner.Scan scan = MigrationScanner.scan(List.of(temp.resolve("a"), temp.resolve("b")), temp);
        assertEquals(List.of("b/sub/V1_2__one_two.sql", "a/V1.9__nine.sql", "a/V1.10__ten.sql", "b/V2__two.sql"),
                scan.scripts().stream().map(MigrationScript::displayPath).toList());
        assertEquals("one two", scan.scripts().get(0).description());
        assertEquals(List.of(), scan.findings());
    }

    @Test
    void aDuplicateVersionIsAFindingNamingBothFiles() throws IOException {
        file("a/V1.0__first.sql");
        file("b/V1__second.sql");
        MigrationScanner.Scan scan = MigrationScanner.scan(List.of(temp.resolve("a"), temp.resolve("b")), temp);
        assertEquals(1, scan.findings().size());
        Finding f = scan.findings().get(0);
        assertEquals("duplicate-version", f.rule());
        assertTrue(f.message().contains("a/V1.0__first.sql") && f.message().contains("b/V1__second.sql"),
                f.message());
    }

    @Test
    void aMisnamedVersionedFileIsAWarning() throws IOException {
        file("V3_add_column.sql");
        MigrationScanner.Scan scan = MigrationScanner.scan(List.of(temp), temp);
        assertEquals(List.of("invalid-migration-name"), scan.findings().stream().map(Finding::rule).toList());
        assertEquals(List.of(), scan.scripts());
    }

    @Test
    void aMissingFolderNamesIt() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> MigrationScanner.scan(List.of(temp.resolve("nope")), temp));
        assertTrue(e.getFile().endsWith("nope"));
    }

    @Test
    void versionsCompareAsNumbers() {
        assertTrue(MigrationVersion.parse("1.10").compareTo(MigrationVersion.parse("1.9")) > 0);
        assertEquals(MigrationVersion.parse("1.0"), MigrationVersion.parse("1"));
        assertEquals(MigrationVersion.parse("2_1"), MigrationVersion.parse("2.1"));
        assertThrows(IllegalArgumentException.class, () -> MigrationVersion.parse("1.a"));
    }
}
