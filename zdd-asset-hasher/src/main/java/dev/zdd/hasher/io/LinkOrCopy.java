package dev.zdd.hasher.io;

import dev.zdd.hasher.naming.ContentDigest;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a site file that is published unchanged into the staged folder: as a hard link to the site's file when
 * allowed (the same bytes under a new name, nothing copied or written), else as a copy. Hard links share the
 * file: writing the site's file in place later also changes the staged one (and the reverse), while replacing it
 * (a new file renamed over it, or deleted and written anew) does not. See the README, "Hashing and hard links".
 */
public final class LinkOrCopy {
    private final boolean link;

    /** @param link whether to try hard links at all; false always copies */
    public LinkOrCopy(boolean link) {
        this.link = link;
    }

    /** Places {@code source} at {@code target} (which must not exist) and returns its hex SHA-256. */
    public String place(Path source, Path target) throws IOException {
        if (link) {
            try {
                // link(2) links a symbolic link itself, not the file it names; the scanner follows links.
                Files.createLink(target, Files.isSymbolicLink(source) ? source.toRealPath() : source);
                return ContentDigest.sha256(target);
            } catch (UnsupportedOperationException | FileSystemException e) {
                // Another file system, one without hard links, or not allowed (fs.protected_hardlinks): copy.
                // Checked per file, since a site may span file systems through its links.
            }
        }
        return ContentDigest.copy(source, target);
    }
}
