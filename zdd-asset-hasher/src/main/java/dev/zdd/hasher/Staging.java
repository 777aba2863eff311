package dev.zdd.hasher;

import java.nio.file.FileAlreadyExistsException;
import java.security.SecureRandom;
import dev.zdd.hasher.io.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A fresh folder beside the output folder that becomes the output only when everything was written, so a
 * failed run leaves the previous output as it was.
 */
final class Staging implements AutoCloseable {
    private final Path output;
    private final Path folder;
    private boolean published;

    private Staging(Path output, Path folder) {
        this.output = output;
        this.folder = folder;
    }

    static Staging beside(Path output) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        return new Staging(output, uniqueFolder(output.toAbsolutePath().getParent(),
                "." + output.getFileName() + ".zdd-staging-"));
    }

    /**
     * A new folder with the usual permissions (the umask's), unlike {@link Files#createTempDirectory}, whose 0700
     * would make the published output unreadable to a web server serving or syncing it.
     */
    private static Path uniqueFolder(Path parent, String prefix) throws IOException {
        SecureRandom random = new SecureRandom();
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Long.toUnsignedString(random.nextLong(), 36)));
            } catch (FileAlreadyExistsException taken) {
                // Another name, then.
            }
        }
    }

    Path folder() {
        return folder;
    }

    /** Replaces the output folder with the staged one. */
    void publish() throws IOException {
        if (Files.exists(output)) {
            Path old = Files.createTempDirectory(output.toAbsolutePath().getParent(),
                    "." + output.getFileName() + ".zdd-old-");
            Files.move(output, old.resolve("out"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(folder, output, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(folder, output, StandardCopyOption.ATOMIC_MOVE);
        }
        published = true;
    }

    @Override
    public void close() throws IOException {
        if (!published) {
            deleteTree(folder);
        }
    }

    static void deleteTree(Path root) throws IOException {
        FileTrees.delete(root);
    }
}
