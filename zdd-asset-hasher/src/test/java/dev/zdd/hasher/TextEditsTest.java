package dev.zdd.hasher;

import dev.zdd.hasher.refs.TextRange;
import dev.zdd.hasher.site.TextCodec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Editing the bytes directly gives exactly the bytes of editing the text and encoding all of it again, whether the
 * text is decoded or, at one byte per character, read from the bytes.
 */
class TextEditsTest {
    private static final String[] PIECES = {"a", "url(", ")", "\"", " ", "\n", "\r\n", "\u00e9", "\u00fc", "\u20ac",
            "\u4e2d", "\uD83D\uDE00", "\uFEFF", "&amp;", "/img/a.png", "%20"};

    @Test
    void byteEditsMatchTextEditsForRandomTextsAndEdits() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(30);
            for (int p = 0; p < pieces; p++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            boolean latin1 = random.nextInt(4) == 0;
            TextCodec codec = latin1 ? TextCodec.LATIN_1 : TextCodec.UTF_8;
            // Latin-1 text is any bytes read one character each.
            String text = latin1 ? new String(b.toString().getBytes(TextCodec.UTF_8.charset()),
                    TextCodec.LATIN_1.charset()) : b.toString();
            byte[] original = codec.encode(text);
            TextEdits edits = new TextEdits();
            int count = random.nextInt(5);
            for (int e = 0; e < count && !text.isEmpty(); e++) {
                int start = random.nextInt(text.length() + 1);
                int end = start + random.nextInt(text.length() - start + 1);
                edits.replace(new TextRange(start, end), PIECES[random.nextInt(PIECES.length)]);
            }
            assertArrayEquals(codec.encode(edits.applyTo(text)), edits.applyTo(text, original, codec),
                    () -> "text '" + text + "'");
            if (original.length == text.length()) {
                // One byte per character: the bytes read as they are give the same edit as the decoded text.
                assertArrayEquals(codec.encode(edits.applyTo(text)),
                        edits.applyTo(new ByteChars(original), original, codec), () -> "text '" + text + "'");
            }
        }
    }
}
