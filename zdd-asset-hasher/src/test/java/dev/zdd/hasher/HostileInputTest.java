package dev.zdd.hasher;

import dev.zdd.hasher.hostile.RawNames;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input that once made {@code hash} write a wrong site with exit 0 (issue 16). */
class HostileInputTest {
    @TempDir
    Path temp;

    private HashResult hash() throws Exception {
        return new AssetHasher(HasherConfig.builder(temp.resolve("site"), temp.resolve("out")).build()).run();
    }

    @Test
    void legacyReferencesFollowedByEqualsStayTextAndEveryOtherByteStays() throws Exception {
        // "&reg=" and "&amp=" are not character references inside an attribute (HTML standard, 13.2.5.73); decoding
        // them once made the decoded value disagree with the parser's and mapped the URL over the whole value.
        String page = "<img srcset=\"img/a.png?a=1&reg=eu 1x, img/b.png?x&amp=1&amp;y 2x\">\n"
                + "<div style=\"background:url(img/a.png?a=1&reg=eu) no-repeat; color:red\"></div>\n"
                + "<meta http-equiv=\"refresh\" content=\"5; url=img/b.png?x&amp=1&copy=2\">\n";
        new TestSite(temp.resolve("site")).file("index.html", page).file("img/a.png", new byte[] {1})
                .file("img/b.png", new byte[] {2});
        HashResult result = hash();
        String a = result.manifest().paths().get("img/a.png");
        String b = result.manifest().paths().get("img/b.png");
        assertEquals(page.replace("img/a.png", a).replace("img/b.png", b), TestSite.read(temp.resolve("out"),
                "index.html"));
    }

    @Test
    void percentEncodedBackslashesStayAsWritten() throws Exception {
        // The README promises that percent-encoding stays as written; only the file name gets the hash.
        String css = "a{background:url(..%5c..%5cimg%5ca.png)} b{background:url(..%5C..%2Fimg%2fa.png?v#x)}";
        new TestSite(temp.resolve("site")).file("css/deep/site.css", css).file("img/a.png", new byte[] {1});
        HashResult result = hash();
        String name = Path.of(result.manifest().paths().get("img/a.png")).getFileName().toString();
        String site = result.manifest().paths().get("css/deep/site.css");
        assertEquals(css.replace("a.png", name), TestSite.read(temp.resolve("out"), site));
    }

    @Test
    void namesThatAreNotUtf8AreRefusedWithTheirBytesShown() throws Exception {
        Path site = temp.resolve("site");
        new TestSite(site).file("index.html", "<img src=\"img/caf%E9.png\">");
        // Two names that Java would both show as "caf\uFFFD.png": once a raw duplicate-key crash.
        RawNames.create(site.resolve("img"), "caf\\351.png");
        RawNames.create(site.resolve("img"), "caf\\352.png");
        RawNames.create(site, "d\\377ir/a.css");
        RawNames.create(site.resolve("d\u00e9j\u00e0"), "ok.css");
        HashingException e = assertThrows(HashingException.class, this::hash);
        assertEquals(List.of("d\\xFFir", "img/caf\\xE9.png", "img/caf\\xEA.png"),
                e.problems().stream().map(p -> p.file()).sorted().toList(), e.getMessage());
        assertTrue(e.getMessage().contains("img/caf\\xE9.png: error: the name is not valid UTF-8"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")), "nothing is written");
    }

    @Test
    void whenEveryHashedNameIsTakenTheErrorNamesTheFile() throws Exception {
        String css = "a{}";
        String digest = DigestUtils.sha256Hex(css);
        TestSite site = new TestSite(temp.resolve("site")).file("index.html", "<link rel=stylesheet href=a.css>")
                .file("a.css", css);
        // Files that keep their names (excluded from hashing) take every length the hash could have.
        for (int length = 8; length <= 64; length += 4) {
            site.file("a." + digest.substring(0, length) + ".css", "taken");
        }
        HashingException e = assertThrows(HashingException.class, () -> new AssetHasher(HasherConfig.builder(
                temp.resolve("site"), temp.resolve("out")).excludes(List.of("a.*.css")).build()).run());
        assertEquals(List.of("a.css no-free-name"), e.problems().stream().map(p -> p.file() + " " + p.code())
                .toList(), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")), "nothing is written");
        assertEquals(List.of(), leftovers(), "no staging folder is left");
    }

    @Test
    void aFullDiskNamesTheFileAndTheCauseAndLeavesNoStagingFolder() throws Exception {
        Path disk = temp.resolve("disk");
        Files.createDirectories(disk);
        // A 1 MiB tmpfs: a real full disk, as CI (root, like this machine) can mount one.
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "zdd-test", disk.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(mount.getInputStream().readAllBytes());
        // Failed, not skipped: a skipped fault test looks green while nothing was checked.
        assertEquals(0, mount.waitFor(), "mounting a tmpfs needs root, as CI has: " + mountOutput);
        try {
            TestSite site = new TestSite(temp.resolve("site")).file("index.html", "<img src=img/0.png>");
            byte[] image = new byte[200_000];
            for (int i = 0; i < 12; i++) {
                image[0] = (byte) i;
                site.file("img/" + i + ".png", image);
            }
            IOException e = assertThrows(IOException.class, () -> new AssetHasher(HasherConfig.builder(
                    temp.resolve("site"), disk.resolve("out")).threads(2).build()).run());
            assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains(disk.toString()),
                    e.toString());
            try (Stream<Path> left = Files.list(disk)) {
                assertEquals(List.of(), left.toList(), "the staging folder is gone");
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().contains("zdd-staging")).toList();
        }
    }
}
