package dev.zdd.hasher;

import dev.zdd.hasher.refs.TextRange;
import dev.zdd.hasher.site.TextCodec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replacements of ranges of a text; everything outside the ranges is copied as it was. */
final class TextEdits {
    private record Edit(TextRange range, String replacement) {
    }

    private final List<Edit> edits = new ArrayList<>();

    void replace(TextRange range, String replacement) {
        edits.add(new Edit(range, replacement));
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    String applyTo(String text) {
        if (edits.isEmpty()) {
            return text;
        }
        List<Edit> sorted = applicable();
        StringBuilder out = new StringBuilder(text.length() + 16 * sorted.size());
        int copied = 0;
        for (Edit edit : sorted) {
            out.append(text, copied, edit.range().start()).append(edit.replacement());
            copied = edit.range().end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * The same bytes as {@code codec.encode(applyTo(text))}, where {@code text} is {@code original} decoded by
     * {@code codec}: the original bytes between the edits are copied as they are and only the replacements are
     * encoded, since encoding a whole page again costs more than finding where its edits fall. The result is
     * sized exactly and filled once.
     */
    byte[] applyTo(CharSequence text, byte[] original, TextCodec codec) {
        if (edits.isEmpty()) {
            return original;
        }
        List<Edit> sorted = applicable();
        // Equal lengths: Latin-1, or UTF-8 that is all ASCII; a character's offset is its byte's.
        boolean sameOffsets = original.length == text.length();
        if (!sameOffsets && (!codec.equals(TextCodec.UTF_8) || splitsAPair(text, sorted))) {
            return codec.encode(applyTo(text.toString()));
        }
        int count = sorted.size();
        int[] startBytes = new int[count];
        int[] endBytes = new int[count];
        byte[][] replacements = new byte[count][];
        int chars = 0;
        int bytes = 0;
        int size = original.length;
        for (int i = 0; i < count; i++) {
            Edit edit = sorted.get(i);
            int start = edit.range().start();
            int end = edit.range().end();
            startBytes[i] = sameOffsets ? start : utf8Advance(original, bytes, chars, start);
            endBytes[i] = sameOffsets ? end : utf8Advance(original, startBytes[i], start, end);
            replacements[i] = codec.encode(edit.replacement());
            size += replacements[i].length - (endBytes[i] - startBytes[i]);
            chars = end;
            bytes = endBytes[i];
        }
        byte[] out = new byte[size];
        int copied = 0;
        int written = 0;
        for (int i = 0; i < count; i++) {
            int before = startBytes[i] - copied;
            System.arraycopy(original, copied, out, written, before);
            written += before;
            System.arraycopy(replacements[i], 0, out, written, replacements[i].length);
            written += replacements[i].length;
            copied = endBytes[i];
        }
        System.arraycopy(original, copied, out, written, original.length - copied);
        return out;
    }

    /** The edits sorted by place; one inside an earlier, larger edit (never expected) is left out. */
    private List<Edit> applicable() {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((Edit e) -> e.range().start()).thenComparingInt(e -> e.range().end()));
        List<Edit> kept = new ArrayList<>(sorted.size());
        int copied = 0;
        for (Edit edit : sorted) {
            if (edit.range().start() >= copied) {
                kept.add(edit);
                copied = edit.range().end();
            }
        }
        return kept;
    }

    /**
     * Whether an edit starts or ends between the two halves of a surrogate pair: encoding the edited text then
     * turns the lone half into '?', which copying the original bytes would not; such files take the slow path.
     */
    private static boolean splitsAPair(CharSequence text, List<Edit> sorted) {
        for (Edit edit : sorted) {
            if (inPair(text, edit.range().start()) || inPair(text, edit.range().end())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPair(CharSequence text, int at) {
        return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }

    /**
     * The byte offset in valid UTF-8 {@code bytes} of character {@code toChar}, counting on from character
     * {@code fromChar} at byte {@code fromByte}. It reads the bytes, not the decoded text: a loop over an array is
     * what a cold JVM runs fastest. A 4-byte sequence is a surrogate pair, two characters; edits never split one.
     */
    private static int utf8Advance(byte[] bytes, int fromByte, int fromChar, int toChar) {
        int b = fromByte;
        int c = fromChar;
        while (c < toChar) {
            int lead = bytes[b];
            if (lead >= 0) {
                b++;
                c++;
            } else if ((lead & 0xE0) == 0xC0) {
                b += 2;
                c++;
            } else if ((lead & 0xF0) == 0xE0) {
                b += 3;
                c++;
            } else {
                b += 4;
                c += 2;
            }
        }
        return b;
    }
}
