package dev.zdd.hasher.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A write that failed, with the file it was writing and the system's reason. A stream write on a full disk fails
 * with just "No space left on device"; the user needs to know where.
 */
public final class WriteFailure {
    private WriteFailure() {
    }

    /** {@code e} if it names a file already, else an exception naming {@code file} and the reason. */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException named && named.getFile() != null) {
            return e;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FileSystemException(file.toString(), null, reason);
    }
}
