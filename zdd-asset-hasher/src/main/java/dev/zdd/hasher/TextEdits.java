package dev.zdd.hasher;

import dev.zdd.hasher.refs.TextRange;

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
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((Edit e) -> e.range().start()).thenComparingInt(e -> e.range().end()));
        StringBuilder out = new StringBuilder(text.length() + 16 * sorted.size());
        int copied = 0;
        for (Edit edit : sorted) {
            if (edit.range().start() < copied) {
                // A reference inside a removed construct (never expected): keep the earlier, larger edit.
                continue;
            }
            out.append(text, copied, edit.range().start()).append(edit.replacement());
            copied = edit.range().end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
