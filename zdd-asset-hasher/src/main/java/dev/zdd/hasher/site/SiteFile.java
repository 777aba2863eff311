package dev.zdd.hasher.site;

import java.nio.file.Path;

/**
 * A file of the site.
 *
 * @param path   site-relative, {@code /}-separated, as it appears in URLs once percent-decoded
 * @param file   where it is on disk
 * @param size   in bytes
 * @param type   how it is read
 * @param hashed whether it gets a content hash in its name
 */
public record SiteFile(String path, Path file, long size, FileType type, boolean hashed) {
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
