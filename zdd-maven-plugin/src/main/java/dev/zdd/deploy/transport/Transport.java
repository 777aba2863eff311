package dev.zdd.deploy.transport;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The host behind this target, for running commands and reaching its local ports (app deploys), or null when
     * the target allows no commands (an SFTP-only account).
     */
    default Host host() throws IOException {
        return null;
    }

    /** Why {@link #host} is null, in words for a message. */
    default String whyNoHost() {
        return "an SFTP-only account";
    }

    /** Whether {@link #swapSymlink} is one rename on this target; a deploy is refused before uploading if not. */
    default boolean canSwapAtomically() throws IOException {
        return true;
    }

    /** Points {@code link} at {@code target} in one rename, whether or not {@code link} exists. */
    void swapSymlink(String link, String target) throws IOException;

    /**
     * Begins the new release folder {@code directory}. Nothing changes on the target until
     * {@link ReleaseUpload#send}; closing without sending leaves the target as it was. Targets that run commands
     * start the command here, so that its start on the server (a shell and its login scripts) overlaps with
     * locking and planning.
     */
    ReleaseUpload beginRelease(String directory) throws IOException;

    /** A release folder about to be created. */
    interface ReleaseUpload extends AutoCloseable {
        /**
         * Creates the folder, which must not exist, holding exactly the {@code links} (hard links to files that
         * exist) and the {@code files} (sent from here, the first one first), then reads back the sizes of all
         * regular files it holds. Nothing that exists is written into: every file and link is new. Targets that run commands
         * do it in one command and one stream, so round trips do not grow with the number of files.
         *
         * @return sizes of all regular files under the folder, by relative path, as the target sees them
         */
        Map<String, Long> send(List<Link> links, List<Upload> files, UploadProgress progress) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** Sizes of all regular files under {@code directory}, by relative path. */
    Map<String, Long> sizes(String directory) throws IOException;

    /** SHA-256 (hex) of these files, by relative path; null when the target cannot compute digests (SFTP only). */
    Map<String, String> sha256(String directory, List<String> relativePaths) throws IOException;

    @Override
    void close() throws IOException;

    /** A hard link to make: an existing file (absolute) and the new file's path in the folder being created. */
    record Link(String existing, String path) {
    }

    /**
     * A file to send: a local file, or bytes made here ({@code source} null), and its path in the folder being
     * created.
     */
    record Upload(Path source, byte[] content, String path, long size) {
        public static Upload file(Path source, String path, long size) {
            return new Upload(source, null, path, size);
        }

        public static Upload bytes(String path, byte[] content) {
            return new Upload(null, content, path, content.length);
        }

        public InputStream open() throws IOException {
            return source == null ? new ByteArrayInputStream(content)
                    : Files.newInputStream(source);
        }
    }

    enum PathKind { MISSING, FILE, DIRECTORY, SYMLINK, OTHER }

    @FunctionalInterface
    interface UploadProgress {
        /** Called after each file; throwing stops the upload. */
        void sent(int files, long bytes) throws IOException;

        UploadProgress NONE = (files, bytes) -> {
        };
    }
}
