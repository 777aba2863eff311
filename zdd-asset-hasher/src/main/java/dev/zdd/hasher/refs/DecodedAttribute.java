package dev.zdd.hasher.refs;

import org.jsoup.nodes.Entities;

import java.util.Arrays;

/**
 * An attribute value decoded the way the HTML standard's tokenizer decodes it in the attribute value states,
 * remembering for each decoded character where it came from, so that a URL found inside the decoded value (a
 * {@code srcset} candidate, a {@code url()} in a {@code style}) can be located exactly in the original file.
 *
 * <p>The rules followed (HTML Living Standard, 13.2.5.72–80 and 13.2.3.5): a named reference is the longest name of
 * the named character reference table; one without its {@code ;} (a legacy name such as {@code &reg}) followed by
 * {@code =} or an ASCII letter or digit is not a reference inside an attribute ({@code ?a=1&reg=eu} stays as
 * written); numeric references map 0, surrogates and values past U+10FFFF to U+FFFD and 0x80–0x9F through the
 * windows-1252 table; a NUL becomes U+FFFD; CR LF and lone CR become LF. The table of names is jsoup's, which is
 * generated from the standard's.
 */
final class DecodedAttribute {
    private static final int LONGEST_LEGACY_NAME = 6;
    /** The standard's numeric character reference end state table for 0x80–0x9F; 0 where it keeps the value. */
    private static final int[] C1_REPLACEMENTS = {
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

    private final String value;
    /** Raw offset of each decoded character, and the raw length last; null when decoding changed nothing. */
    private final int[] rawOffsets;

    private DecodedAttribute(String value, int[] rawOffsets) {
        this.value = value;
        this.rawOffsets = rawOffsets;
    }

    /** Decodes the raw text of an attribute value (between its quotes, if any). */
    static DecodedAttribute decode(String raw) {
        if (raw.indexOf('&') < 0 && raw.indexOf('\r') < 0 && raw.indexOf('\0') < 0) {
            return new DecodedAttribute(raw, null);
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        int[] offsets = new int[raw.length() + 1];
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int start = i;
            int[] codePoints = null;
            if (c == '&') {
                Match match = reference(raw, i);
                if (match != null) {
                    codePoints = match.codePoints();
                    i = match.end();
                }
            } else if (c == '\r') {
                codePoints = new int[] {'\n'};
                i += i + 1 < raw.length() && raw.charAt(i + 1) == '\n' ? 2 : 1;
            } else if (c == '\0') {
                codePoints = new int[] {0xFFFD};
                i++;
            }
            if (codePoints == null) {
                offsets[decoded.length()] = start;
                decoded.append(c);
                i++;
                continue;
            }
            for (int codePoint : codePoints) {
                for (char unit : Character.toChars(codePoint)) {
                    offsets[decoded.length()] = start;
                    decoded.append(unit);
                }
            }
        }
        offsets[decoded.length()] = raw.length();
        return new DecodedAttribute(decoded.toString(), Arrays.copyOf(offsets, decoded.length() + 1));
    }

    private record Match(int[] codePoints, int end) {
    }

    /** The character reference starting at {@code amp}, or null when the ampersand is just an ampersand. */
    private static Match reference(String raw, int amp) {
        int next = amp + 1;
        if (next < raw.length() && raw.charAt(next) == '#') {
            return numeric(raw, amp);
        }
        int runEnd = next;
        while (runEnd < raw.length() && isAsciiAlphanumeric(raw.charAt(runEnd))) {
            runEnd++;
        }
        if (runEnd == next) {
            return null;
        }
        // Every name of the table is ASCII alphanumerics, optionally ending in ';'. The longest match is the whole
        // run with its ';' when that name exists, else the longest legacy name (one valid without ';') it starts with.
        if (runEnd < raw.length() && raw.charAt(runEnd) == ';') {
            String name = raw.substring(next, runEnd);
            if (Entities.isNamedEntity(name)) {
                return new Match(codePoints(name), runEnd + 1);
            }
        }
        for (int end = Math.min(runEnd, next + LONGEST_LEGACY_NAME); end > next; end--) {
            String name = raw.substring(next, end);
            if (Entities.isBaseNamedEntity(name)) {
                // In an attribute, a legacy name followed by '=' or an alphanumeric is text, for historical reasons.
                boolean textual = end < raw.length()
                        && (raw.charAt(end) == '=' || isAsciiAlphanumeric(raw.charAt(end)));
                return textual ? null : new Match(codePoints(name), end);
            }
        }
        return null;
    }

    private static int[] codePoints(String name) {
        int[] holder = new int[2];
        int count = Entities.codepointsForName(name, holder);
        return Arrays.copyOf(holder, count);
    }

    private static Match numeric(String raw, int amp) {
        int i = amp + 2;
        boolean hex = i < raw.length() && (raw.charAt(i) == 'x' || raw.charAt(i) == 'X');
        if (hex) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < raw.length() && Character.digit(raw.charAt(i), hex ? 16 : 10) >= 0 && raw.charAt(i) < 128) {
            // Saturate: any value past U+10FFFF means U+FFFD, however many digits follow.
            value = Math.min(value * (hex ? 16 : 10) + Character.digit(raw.charAt(i), hex ? 16 : 10), 0x110000);
            i++;
        }
        if (i == digitsStart) {
            return null;
        }
        if (i < raw.length() && raw.charAt(i) == ';') {
            i++;
        }
        int codePoint = (int) value;
        if (codePoint == 0 || codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            codePoint = 0xFFFD;
        } else if (codePoint >= 0x80 && codePoint <= 0x9F && C1_REPLACEMENTS[codePoint - 0x80] != 0) {
            codePoint = C1_REPLACEMENTS[codePoint - 0x80];
        }
        return new Match(new int[] {codePoint}, i);
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    String value() {
        return value;
    }

    /** Offsets in the decoded value, mapped into the raw attribute value. */
    OffsetMap toRaw() {
        return rawOffsets == null ? OffsetMap.IDENTITY : offset -> rawOffsets[offset];
    }
}
