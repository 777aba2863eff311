package dev.zdd.hasher.site;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TextCodecTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static void assertRoundTrip(byte[] input) {
        TextCodec codec = TextCodec.detect(input);
        assertArrayEquals(input, codec.encode(codec.decode(input)));
    }

    @Test
    void asciiIsUtf8() {
        byte[] input = "body { color: red }\n".getBytes(StandardCharsets.US_ASCII);
        assertSame(TextCodec.UTF_8, TextCodec.detect(input));
        assertEquals("body { color: red }\n", TextCodec.UTF_8.decode(input));
        assertRoundTrip(input);
    }

    @Test
    void emptyIsUtf8() {
        assertSame(TextCodec.UTF_8, TextCodec.detect(new byte[0]));
        assertEquals("", TextCodec.UTF_8.decode(new byte[0]));
        assertArrayEquals(new byte[0], TextCodec.UTF_8.encode(""));
    }

    @Test
    void validUtf8IsDecodedAsUtf8() {
        String text = "\u00e9t\u00e9 \u20ac \u65e5\u672c \ud83d\ude00";
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        TextCodec codec = TextCodec.detect(input);
        assertSame(TextCodec.UTF_8, codec);
        assertEquals(text, codec.decode(input));
        assertRoundTrip(input);
    }

    @Test
    void utf8WithByteOrderMarkRoundTrips() {
        byte[] input = bytes(0xEF, 0xBB, 0xBF, 'a', 0xC3, 0xA9, '\n');
        TextCodec codec = TextCodec.detect(input);
        assertSame(TextCodec.UTF_8, codec);
        String text = codec.decode(input);
        assertEquals("\uFEFFa\u00e9\n", text);
        assertArrayEquals(input, codec.encode(text));
    }

    @Test
    void invalidUtf8FallsBackToLatin1AndRoundTrips() {
        byte[] input = bytes('a', 0xE9, 't', 0xE9, '\n'); // "été" in ISO-8859-1
        TextCodec codec = TextCodec.detect(input);
        assertSame(TextCodec.LATIN_1, codec);
        assertEquals("a\u00e9t\u00e9\n", codec.decode(input));
        assertRoundTrip(input);
    }

    @Test
    void invalidSequencesRoundTripUnchanged() {
        byte[][] inputs = {
                bytes(0xC3, 0x28),                   // bad continuation byte
                bytes(0xA0, 0xA1),                   // lone continuation bytes
                bytes(0xE2, 0x82),                   // truncated at the end
                bytes(0xC0, 0x80),                   // overlong NUL
                bytes(0xED, 0xA0, 0x80),             // encoded surrogate
                bytes(0xF8, 0x88, 0x80, 0x80, 0x80), // five-byte form
                bytes(0xFF, 0xFE, 'a', 0x00),        // UTF-16 byte order mark
                bytes('u', 'r', 'l', '(', 0xE9, ')', 0xC3, 0xA9), // mixed: valid é after an invalid byte
        };
        for (byte[] input : inputs) {
            assertSame(TextCodec.LATIN_1, TextCodec.detect(input));
            assertRoundTrip(input);
        }
    }

    @Test
    void editedLatin1TextKeepsUntouchedBytes() {
        byte[] input = bytes('u', 'r', 'l', '(', 'a', '.', 'p', 'n', 'g', ')', ' ', 0xE9, 0xFF);
        TextCodec codec = TextCodec.detect(input);
        String edited = codec.decode(input).replace("a.png", "a.1234.png");
        assertArrayEquals(bytes('u', 'r', 'l', '(', 'a', '.', '1', '2', '3', '4', '.', 'p', 'n', 'g', ')', ' ', 0xE9,
                0xFF), codec.encode(edited));
    }

    @Test
    void randomBytesAlwaysRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            assertRoundTrip(input);
        }
    }

    @Test
    void codecsExposeTheirCharsets() {
        assertEquals(StandardCharsets.UTF_8, TextCodec.UTF_8.charset());
        assertEquals(StandardCharsets.ISO_8859_1, TextCodec.LATIN_1.charset());
    }
}
