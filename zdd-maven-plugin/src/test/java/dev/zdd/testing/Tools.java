package dev.zdd.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real programs the fixtures run. */
public final class Tools {
    private Tools() {
    }

    /**
     * Returns {@code absolutePath} if it is an executable file. A missing tool fails loudly instead of skipping the
     * test: a skipped deploy test looks green on CI while nothing was checked.
     */
    public static Path require(String absolutePath, String debianPackage) {
        Path path = Path.of(absolutePath);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalStateException(path.getFileName() + " not found at " + absolutePath
                    + ": install the Debian package " + debianPackage + " (.ci/run does)");
        }
        return path;
    }
}
