package dev.zdd.hasher.refs;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code srcset} value into its image candidates, as the HTML standard's parsing algorithm does. */
final class SrcsetCandidates {
    private SrcsetCandidates() {
    }

    /** The URL ranges of each candidate in {@code srcset}. */
    static List<TextRange> urls(String srcset) {
        List<TextRange> urls = new ArrayList<>();
        int n = srcset.length();
        int pos = 0;
        while (true) {
            while (pos < n && (isSpace(srcset.charAt(pos)) || srcset.charAt(pos) == ',')) {
                pos++;
            }
            if (pos >= n) {
                return urls;
            }
            int start = pos;
            while (pos < n && !isSpace(srcset.charAt(pos))) {
                pos++;
            }
            int end = pos;
            boolean trailingComma = false;
            while (end > start && srcset.charAt(end - 1) == ',') {
                end--;
                trailingComma = true;
            }
            if (end > start) {
                urls.add(new TextRange(start, end));
            }
            if (!trailingComma) {
                pos = skipDescriptors(srcset, pos);
            }
        }
    }

    /** Skips width/density descriptors up to the comma that ends the candidate; parentheses may hold commas. */
    private static int skipDescriptors(String s, int pos) {
        int depth = 0;
        for (; pos < s.length(); pos++) {
            char c = s.charAt(pos);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                return pos + 1;
            }
        }
        return pos;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
