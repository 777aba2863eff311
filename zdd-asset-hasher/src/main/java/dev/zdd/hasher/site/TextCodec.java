package dev.zdd.hasher.site;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into text and back without changing a byte that was not edited: UTF-8 when the bytes are
 * valid UTF-8, else ISO-8859-1, which maps every byte to one character and back.
 */
public record TextCodec(Charset charset) {
    public static final TextCodec UTF_8 = new TextCodec(StandardCharsets.UTF_8);
    public static final TextCodec LATIN_1 = new TextCodec(StandardCharsets.ISO_8859_1);

    /** The codec that reads {@code bytes} losslessly. */
    public static TextCodec detect(byte[] bytes) {
        return isUtf8(bytes) ? UTF_8 : LATIN_1;
    }

    /** {@code bytes} as text, decoded with the codec that reads them losslessly. */
    public static Decoded read(byte[] bytes) {
        // One pass in the common case: malformed UTF-8 decodes to U+FFFD, and only then is a strict check needed.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0 || isUtf8(bytes)) {
            return new Decoded(UTF_8, text);
        }
        return new Decoded(LATIN_1, new String(bytes, StandardCharsets.ISO_8859_1));
    }

    public record Decoded(TextCodec codec, String text) {
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public String decode(byte[] bytes) {
        return new String(bytes, charset);
    }

    public byte[] encode(String text) {
        return text.getBytes(charset);
    }
}
