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
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return UTF_8;
        } catch (CharacterCodingException e) {
            return LATIN_1;
        }
    }

    public String decode(byte[] bytes) {
        return new String(bytes, charset);
    }

    public byte[] encode(String text) {
        return text.getBytes(charset);
    }
}
