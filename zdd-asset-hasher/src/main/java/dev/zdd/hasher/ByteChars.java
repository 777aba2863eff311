package dev.zdd.hasher;

import java.nio.charset.StandardCharsets;

/**
 * The text of bytes that decode one byte to one character (Latin-1, or UTF-8 that is all ASCII), read where it is
 * needed instead of decoded whole: writing a file with its references rewritten reads only the references' places.
 */
final class ByteChars implements CharSequence {
    private final byte[] bytes;

    ByteChars(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
