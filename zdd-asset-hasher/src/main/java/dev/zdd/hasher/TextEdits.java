package dev.zdd.hasher;

import dev.zdd.hasher.refs.TextRange;
import dev.zdd.hasher.site.TextCodec;

import java.io.ByteArrayOutputStream;
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
     * encoded, since encoding a whole page again costs more than finding where its edits fall.
     */
    byte[] applyTo(String text, byte[] original, TextCodec codec) {
        if (edits.isEmpty()) {
            return original;
        }
        List<Edit> sorted = applicable();
        // Equal lengths: Latin-1, or UTF-8 that is all ASCII; a character's offset is its byte's.
        boolean sameOffsets = original.length == text.length();
        if (!sameOffsets && (!codec.equals(TextCodec.UTF_8) || splitsAPair(text, sorted))) {
            return codec.encode(applyTo(text));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 32 * sorted.size());
        int chars = 0;
        int bytes = 0;
        for (Edit edit : sorted) {
            int start = edit.range().start();
            int end = edit.range().end();
            int startByte = sameOffsets ? start : bytes + utf8Length(text, chars, start);
            int endByte = sameOffsets ? end : startByte + utf8Length(text, start, end);
            out.write(original, bytes, startByte - bytes);
            out.writeBytes(codec.encode(edit.replacement()));
            chars = end;
            bytes = endByte;
        }
        out.write(original, bytes, original.length - bytes);
        return out.toByteArray();
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
    private static boolean splitsAPair(String text, List<Edit> sorted) {
        for (Edit edit : sorted) {
            if (inPair(text, edit.range().start()) || inPair(text, edit.range().end())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPair(String text, int at) {
        return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }

    /**
     * Bytes of {@code text[from, to)} in UTF-8. Text decoded from valid UTF-8 holds surrogates only in pairs,
     * 4 bytes each, so 2 per half.
     */
    private static int utf8Length(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
