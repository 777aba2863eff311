package dev.zdd.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A size-limited tmpfs mounted on a folder: a real full disk. Mounting needs root, which CI has; a machine that
 * cannot mount fails the test rather than skipping it, because a skipped fault test looks green while nothing was
 * checked.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path folder;

    private TmpfsMount(Path folder) {
        this.folder = folder;
    }

    /** @param size as mount(8) takes it: {@code 64k}, {@code 3m} */
    public static TmpfsMount of(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "zdd-test",
                folder.toString()).redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        if (mount.waitFor() != 0) {
            throw new IllegalStateException("cannot mount a " + size + " tmpfs on " + folder + " (the fault tests"
                    + " need root, as CI has): " + output.strip());
        }
        return new TmpfsMount(folder);
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Lazy: a server process the test started may still hold a file there for a moment.
        new ProcessBuilder("umount", "-l", folder.toString()).inheritIO().start().waitFor();
    }
}
