package dev.zdd.hasher;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binary files are hard-linked from the site into the staged release (by default), else copied. */
class LinkedFilesTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    private static final byte[] ICO = {0, 0, 1, 0, 9};

    @TempDir
    Path temp;

    private Path site() {
        return temp.resolve("site");
    }

    private HashResult hash(String out, boolean link) throws Exception {
        return new AssetHasher(HasherConfig.builder(site(), temp.resolve(out)).linkFiles(link).build()).run();
    }

    private void writeSite() {
        new TestSite(site()).file("index.html", "<img src=\"img/logo.png\"><link rel=icon href=\"/favicon.ico\">")
                .file("img/logo.png", PNG).file("favicon.ico", ICO).file("css/a.css", "a{background:url(../img/logo.png)}");
    }

    private static Object inode(Path file) throws Exception {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    @Test
    void binaryFilesAreHardLinksToTheSitesFilesAndTextFilesAreWrittenAnew() throws Exception {
        writeSite();
        HashResult result = hash("out", true);
        Path out = temp.resolve("out");
        String logo = result.manifest().paths().get("img/logo.png");
        assertEquals(inode(site().resolve("img/logo.png")), inode(out.resolve(logo)), "hashed asset linked");
        assertEquals(inode(site().resolve("favicon.ico")), inode(out.resolve("favicon.ico")), "kept name, linked");
        String css = result.manifest().paths().get("css/a.css");
        assertNotEquals(inode(site().resolve("css/a.css")), inode(out.resolve(css)), "text is never linked");
        assertEquals(DigestUtils.sha256Hex(PNG), result.manifest().files().get(logo).sha256());
        assertEquals(PNG.length, result.manifest().files().get(logo).size());
    }

    @Test
    void aTextFileWithNothingToRewriteIsLinkedToo() throws Exception {
        writeSite();
        new TestSite(site()).file("css/plain.css", "b{color:red}").file("about.html", "<p>no assets");
        HashResult result = hash("out", true);
        Path out = temp.resolve("out");
        String plain = result.manifest().paths().get("css/plain.css");
        assertEquals(inode(site().resolve("css/plain.css")), inode(out.resolve(plain)));
        assertEquals(inode(site().resolve("about.html")), inode(out.resolve("about.html")));
        assertEquals(DigestUtils.sha256Hex("b{color:red}"), result.manifest().files().get(plain).sha256());
    }

    @Test
    void linkingOrCopyingGivesTheSameReleaseByteForByte() throws Exception {
        writeSite();
        HashResult linked = hash("linked", true);
        HashResult copied = hash("copied", false);
        Map<String, byte[]> a = TestSite.tree(temp.resolve("linked"));
        Map<String, byte[]> b = TestSite.tree(temp.resolve("copied"));
        assertEquals(a.keySet(), b.keySet());
        a.forEach((path, bytes) -> assertArrayEquals(bytes, b.get(path), path));
        assertEquals(linked.manifest(), copied.manifest());
        String logo = copied.manifest().paths().get("img/logo.png");
        assertNotEquals(inode(site().resolve("img/logo.png")), inode(temp.resolve("copied").resolve(logo)),
                "linkFiles(false) copies");
    }

    @Test
    void aSiteFileReplacedAfterHashingLeavesTheStagedFileAsItWas() throws Exception {
        writeSite();
        HashResult result = hash("out", true);
        Path staged = temp.resolve("out").resolve(result.manifest().paths().get("img/logo.png"));
        // How build tools usually rewrite a file: a new file renamed over the old name, or delete and write.
        Path fresh = site().resolve("img/logo.png.tmp");
        Files.write(fresh, "new".getBytes(StandardCharsets.UTF_8));
        Files.move(fresh, site().resolve("img/logo.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(site().resolve("favicon.ico"));
        Files.write(site().resolve("favicon.ico"), "new".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(PNG, Files.readAllBytes(staged));
        assertArrayEquals(ICO, Files.readAllBytes(temp.resolve("out/favicon.ico")));
    }

    @Test
    void aSiteFileWrittenInPlaceAfterHashingChangesTheLinkedStagedFileButNotACopiedOne() throws Exception {
        // The documented cost of linking (README, "Hashing and hard links"): what linkFiles(false) is for.
        writeSite();
        HashResult linked = hash("linked", true);
        HashResult copied = hash("copied", false);
        Files.write(site().resolve("img/logo.png"), new byte[] {9}, StandardOpenOption.TRUNCATE_EXISTING);
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(temp.resolve("linked")
                .resolve(linked.manifest().paths().get("img/logo.png"))));
        assertArrayEquals(PNG, Files.readAllBytes(temp.resolve("copied")
                .resolve(copied.manifest().paths().get("img/logo.png"))));
    }

    @Test
    void aSymbolicLinkInsideTheSiteIsStagedAsARegularFileWithItsTargetsBytes() throws Exception {
        writeSite();
        Files.createSymbolicLink(site().resolve("img/alias.png"), Path.of("logo.png"));
        HashResult result = hash("out", true);
        Path staged = temp.resolve("out").resolve(result.manifest().paths().get("img/alias.png"));
        assertFalse(Files.isSymbolicLink(staged));
        assertTrue(Files.isRegularFile(staged));
        assertArrayEquals(PNG, Files.readAllBytes(staged));
        assertEquals(inode(site().resolve("img/logo.png")), inode(staged), "linked to the link's target");
    }

    @Test
    void whenLinkingIsNotPossibleTheFileIsCopied() throws Exception {
        // /dev/shm is another file system on Linux: link(2) fails with EXDEV there and zdd copies instead.
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(temp)), "no second file system to try");
        Path out = Files.createTempDirectory(shm, "zdd-link-test");
        try {
            writeSite();
            HashResult result = new AssetHasher(HasherConfig.builder(site(), out.resolve("out")).build()).run();
            Path staged = out.resolve("out").resolve(result.manifest().paths().get("img/logo.png"));
            assertArrayEquals(PNG, Files.readAllBytes(staged));
            assertArrayEquals(ICO, Files.readAllBytes(out.resolve("out/favicon.ico")));
        } finally {
            Staging.deleteTree(out);
        }
    }
}
