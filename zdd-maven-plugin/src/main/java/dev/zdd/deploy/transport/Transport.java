package dev.zdd.deploy.transport;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The file operations a deploy needs on its target, a local folder or a host over SSH. Paths are absolute,
 * {@code /}-separated, as the target sees them. Every operation that replaces something does it atomically or
 * not at all; none writes into an existing file (which may be hard-linked into a live release).
 */
public interface Transport extends AutoCloseable {

    /** For messages: {@code /srv/site} or {@code ssh://deploy@host:22/srv/site}. */
    String describe();

    PathKind kind(String path) throws IOException;

    /** The target of a symbolic link, as stored. */
    String readLink(String path) throws IOException;

    /** A small file's bytes; {@link java.nio.file.NoSuchFileException} when it is missing. */
    byte[] read(String path) throws IOException;

    /** Writes a new file beside {@code path}, then renames it over {@code path}. */
    void writeAtomically(String path, byte[] content) throws IOException;

    /** Appends to {@code path}, creating it if needed. */
    void append(String path, byte[] content) throws IOException;

    /**
     * Renames a folder; fails if {@code to} exists and is not empty (so of two racing callers, one fails).
     * Both paths are in the same folder.
     */
    void renameDirectory(String from, String to) throws IOException;

    /** Creates one folder; false if something exists there already. The parent must exist. */
    boolean createDirectory(String path) throws IOException;

    void createDirectories(String path) throws IOException;

    /** Names in a folder, sorted. */
    List<String> list(String directory) throws IOException;

    /** Removes a file, a link (not what it points to) or a folder with everything in it; nothing if missing. */
    void removeTree(String path) throws IOException;

    /** Whether {@link #swapSymlink} is one rename on this target; a deploy is refused before uploading if not. */
    default boolean canSwapAtomically() {
        return true;
    }

    /** Points {@code link} at {@code target} in one rename, whether or not {@code link} exists. */
    void swapSymlink(String link, String target) throws IOException;

    /** Makes {@code to} a copy of the folder {@code from} whose files are hard links, not copies. */
    void cloneWithHardLinks(String from, String to) throws IOException;

    /**
     * A new release from the live one: a hard-linked copy of {@code from} at {@code to}, without {@code remove}
     * (relative paths), with {@code links} added. Targets that run commands do it in one.
     */
    default void cloneRemoveLink(String from, String to, List<String> remove, List<Link> links) throws IOException {
        cloneWithHardLinks(from, to);
        removeFiles(to, remove);
        hardLink(links);
    }

    /** Hard-links each {@code existing} file to its new path; folders are created as needed. */
    void hardLink(List<Link> links) throws IOException;

    /** Removes these files (relative to {@code base}), then any folders left empty. */
    void removeFiles(String base, List<String> relativePaths) throws IOException;

    /** Sends files into {@code directory} in one stream, unlinking any file already at a path before writing it. */
    void upload(String directory, List<Upload> files, UploadProgress progress) throws IOException;

    /** Sizes of all regular files under {@code directory}, by relative path. */
    Map<String, Long> sizes(String directory) throws IOException;

    /** SHA-256 (hex) of these files, by relative path; null when the target cannot compute digests (SFTP only). */
    Map<String, String> sha256(String directory, List<String> relativePaths) throws IOException;

    @Override
    void close() throws IOException;

    /** A hard link to make: both paths absolute. */
    record Link(String existing, String newPath) {
    }

    /** A local file to send, and its path relative to the upload folder. */
    record Upload(java.nio.file.Path source, String path, long size) {
    }

    enum PathKind { MISSING, FILE, DIRECTORY, SYMLINK, OTHER }

    @FunctionalInterface
    interface UploadProgress {
        void sent(int files, long bytes);

        UploadProgress NONE = (files, bytes) -> {
        };
    }
}
