package dev.zdd.hasher.manifest;

/** A manifest file that cannot be read; the message names the file and, where known, line and column. */
public class InvalidManifestException extends RuntimeException {
    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
