package dev.zdd.deploy.ssh;

import dev.zdd.testing.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link TarStream} writes, read back by the server's reader: GNU tar with the flags a release unpacks with. */
class TarStreamTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** 150 characters in three folders: over ustar's 100-byte name field. */
    private static final String LONG = "release/" + "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(17)
            + ".css";

    @TempDir
    Path dir;

    @Test
    void filesAndHardLinksUnpackWithTheirNamesContentsAndTimes() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("old"));
        Files.writeString(root.resolve("old/kept.js"), "kept");
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        long time = 1_700_000_000_000L;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarStream tar = new TarStream(out);
        tar.link("release/kept.js", "old/kept.js");
        tar.file("release/index.html", 5, time, stream("hello"), "index.html");
        tar.file("release/empty.txt", 0, time, stream(""), "empty.txt");
        tar.file("release/img/big.bin", big.length, time, new ByteArrayInputStream(big), "big.bin");
        tar.file(LONG, 4, time, stream("long"), "long");
        tar.file("release/caf\u00e9/\u00fcber-\u2713.txt", 7, time, stream("unicode"), "unicode");
        tar.link("release/copy-of-long.css", LONG);
        tar.link("release/" + "d".repeat(120) + ".css", LONG);
        tar.finish();
        assertEquals(0, out.size() % 10240, "whole records");

        unpack(out.toByteArray(), root);

        Path release = root.resolve("release");
        assertEquals("hello", Files.readString(release.resolve("index.html")));
        assertEquals(time, Files.getLastModifiedTime(release.resolve("index.html")).toMillis());
        assertEquals(0, Files.size(release.resolve("empty.txt")));
        assertArrayEquals(big, Files.readAllBytes(release.resolve("img/big.bin")));
        assertEquals("long", Files.readString(root.resolve(LONG)));
        assertEquals("unicode", Files.readString(release.resolve("caf\u00e9/\u00fcber-\u2713.txt")));
        assertEquals(Files.getAttribute(root.resolve("old/kept.js"), "unix:ino"),
                Files.getAttribute(release.resolve("kept.js"), "unix:ino"));
        assertEquals(3, Files.getAttribute(root.resolve(LONG), "unix:nlink", LinkOption.NOFOLLOW_LINKS));
        assertEquals(Files.getAttribute(root.resolve(LONG), "unix:ino"),
                Files.getAttribute(release.resolve("d".repeat(120) + ".css"), "unix:ino"));
        String listing = Exec.run(TIMEOUT, "find", release.toString(), "-type", "f").ok();
        assertEquals(8, listing.lines().count(), listing);
    }

    @Test
    void aFileShorterOrLongerThanItsManifestSizeFails() {
        TarStream tar = new TarStream(new ByteArrayOutputStream());
        IOException shorter = assertThrows(IOException.class, () -> tar.file("r/a.txt", 10, 0, stream("short"),
                "a.txt"));
        assertTrue(shorter.getMessage().contains("a.txt changed while it was being sent"), shorter.getMessage());
        TarStream other = new TarStream(new ByteArrayOutputStream());
        IOException longer = assertThrows(IOException.class, () -> other.file("r/b.txt", 2, 0, stream("longer"),
                "b.txt"));
        assertTrue(longer.getMessage().contains("b.txt changed while it was being sent"), longer.getMessage());
    }

    private void unpack(byte[] archive, Path into) throws IOException {
        Path file = dir.resolve("stream.tar");
        Files.write(file, archive);
        Exec.run(TIMEOUT, "tar", "-x", "--no-same-owner", "--keep-old-files", "-f", file.toString(), "-C",
                into.toString()).ok();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
