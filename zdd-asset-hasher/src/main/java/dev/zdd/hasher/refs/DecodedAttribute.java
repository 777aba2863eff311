package dev.zdd.hasher.refs;

import java.util.Arrays;
import org.jsoup.parser.Parser;

/**
 * An attribute value with its character references decoded, remembering for each decoded character where it
 * came from, so that a URL found inside the decoded value (a {@code srcset} candidate, a {@code url()} in a
 * {@code style}) can be located in the original file.
 */
final class DecodedAttribute {
    private static final int LONGEST_ENTITY = 40;

    private final String value;
    /** Raw offset of each decoded character; null when the value holds no character reference. */
    private final int[] rawOffsets;

    private DecodedAttribute(String value, int[] rawOffsets) {
        this.value = value;
        this.rawOffsets = rawOffsets;
    }

    /** Decodes {@code raw}; {@code expected} is the parser's own decoding, the authority when ours differs. */
    static DecodedAttribute decode(String raw, String expected) {
        if (raw.indexOf('&') < 0) {
            return new DecodedAttribute(raw, null);
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        int[] offsets = new int[raw.length() + 1];
        int i = 0;
        while (i < raw.length()) {
            int end = raw.charAt(i) == '&' ? referenceEnd(raw, i) : -1;
            String piece = end > 0 ? Parser.unescapeEntities(raw.substring(i, end), true) : null;
            if (piece != null && !piece.equals(raw.substring(i, end))) {
                for (int k = 0; k < piece.length(); k++) {
                    offsets[decoded.length()] = i;
                    decoded.append(piece.charAt(k));
                }
                i = end;
            } else {
                offsets[decoded.length()] = i;
                decoded.append(raw.charAt(i));
                i++;
            }
        }
        offsets[decoded.length()] = raw.length();
        String value = decoded.toString();
        if (!value.equals(expected)) {
            // Our piecewise decoding disagrees with the parser on some unusual reference; map everything to the
            // whole value rather than to a wrong place.
            int[] coarse = new int[expected.length() + 1];
            coarse[expected.length()] = raw.length();
            return new DecodedAttribute(expected, coarse);
        }
        return new DecodedAttribute(value, Arrays.copyOf(offsets, value.length() + 1));
    }

    /** End (exclusive) of the character reference starting at {@code amp}, or -1. */
    private static int referenceEnd(String raw, int amp) {
        int limit = Math.min(raw.length(), amp + LONGEST_ENTITY);
        for (int j = amp + 1; j < limit; j++) {
            char c = raw.charAt(j);
            if (c == ';') {
                return j + 1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '#')) {
                return j > amp + 1 ? j : -1;
            }
        }
        return limit > amp + 1 ? limit : -1;
    }

    String value() {
        return value;
    }

    /** Offsets in the decoded value, mapped into the raw attribute value. */
    OffsetMap toRaw() {
        return rawOffsets == null ? OffsetMap.IDENTITY : offset -> rawOffsets[offset];
    }
}
