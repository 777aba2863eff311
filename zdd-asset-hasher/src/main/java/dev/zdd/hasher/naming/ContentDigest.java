package dev.zdd.hasher.naming;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** SHA-256 of contents; files are streamed through the digest, never loaded whole. */
public final class ContentDigest {
    /** One buffer per thread, reused: large reads are cheaper per byte, and 10,000 files make no garbage. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 18]);

    private ContentDigest() {
    }

    public static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }

    /** The hex SHA-256 of a file's bytes, read once. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = DigestUtils.getSha256Digest();
        byte[] buffer = BUFFER.get();
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return Hex.encodeHexString(digest.digest());
    }

    /** Copies {@code from} to {@code to} and returns the hex SHA-256 of what was copied. */
    public static String copy(Path from, Path to) throws IOException {
        MessageDigest digest = DigestUtils.getSha256Digest();
        byte[] buffer = BUFFER.get();
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return Hex.encodeHexString(digest.digest());
    }
}
