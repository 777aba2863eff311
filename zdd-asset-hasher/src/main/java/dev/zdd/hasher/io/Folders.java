package dev.zdd.hasher.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the folders files are written into, each once. {@link Files#createDirectories} of a folder that exists
 * throws and catches exceptions inside (two per call), and a release writes thousands of files into a few hundred
 * folders: in a fresh JVM those exceptions were tens of thousands.
 */
public final class Folders {
    private final ConcurrentHashMap<Path, Boolean> made = new ConcurrentHashMap<>();

    /** Makes sure {@code folder} exists, its parents first, so that each is one mkdir that succeeds. */
    public void ensure(Path folder) throws IOException {
        if (folder == null || made.containsKey(folder)) {
            return;
        }
        ensure(folder.getParent());
        try {
            // Another thread asking for the same folder waits until it exists.
            made.computeIfAbsent(folder, f -> {
                try {
                    Files.createDirectories(f);
                    return Boolean.TRUE;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
