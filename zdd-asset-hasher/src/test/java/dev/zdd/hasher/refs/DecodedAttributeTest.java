package dev.zdd.hasher.refs;

import dev.zdd.hasher.hostile.Fuzz;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecodedAttributeTest {
    /** Pieces that exercise every branch of the standard's character reference states. */
    private static final List<String> PIECES = List.of("&", "&amp", "&amp;", "&reg", "&reg;", "&not", "&notin",
            "&notin;", "&notit;", "&frac12", "&frac12x", "&AMP", "&NotEqualTilde;", "&fjlig;", "&#", "&#x", "&#X",
            "&#65", "&#x41", "&#0;", "&#xD800;", "&#xDFFF;", "&#128;", "&#x81;", "&#x9F", "&#99999999999;",
            "&#0000000000000000065;", "&#x110000;", "&#x1F600;", "=", ";", "#", "x", "X", "a", "1", "-", "_", ".",
            " ", ",", "?", "\r", "\n", "\r\n", "\t", "\0", "\u00e9", "\ud83d\ude00", "url(", ")", "'", "/", "png");

    /**
     * jsoup's decoding of {@code raw} as an attribute value, after the standard's input stream preprocessing,
     * which jsoup leaves out: CR LF and lone CR become LF.
     */
    private static String jsoupValue(String raw) {
        String preprocessed = raw.replace("\r\n", "\n").replace('\r', '\n');
        Element img = Jsoup.parse("<img title=\"" + preprocessed + "\">").selectFirst("img");
        return img.attr("title");
    }

    /**
     * jsoup's attribute decoding, brought to the standard where jsoup knowingly departs from it: it keeps a
     * surrogate from a numeric reference (the standard makes it U+FFFD). Raw text decoded from a file never holds a
     * lone surrogate, so a lone one came from a reference; so did U+103FF, the pair that
     * {@code &#xD800;&#xDFFF;} makes in jsoup.
     */
    private static String standardised(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (s.startsWith("\uD800\uDFFF", i)) {
                out.append("\uFFFD\uFFFD");
                i++;
            } else if (Character.isSurrogatePair(c, i + 1 < s.length() ? s.charAt(i + 1) : 0)) {
                out.append(s, i, i + 2);
                i++;
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    @Test
    void legacyReferenceBeforeEqualsOrAlphanumericIsTextInAnAttribute() {
        assertEquals("?a=1&reg=eu", DecodedAttribute.decode("?a=1&reg=eu").value());
        assertEquals("?x&amp=1", DecodedAttribute.decode("?x&amp=1").value());
        assertEquals("&regx &notit; &frac12x", DecodedAttribute.decode("&regx &notit; &frac12x").value());
        assertEquals("\u00ae. \u00ac-x &_ \u00bd", DecodedAttribute.decode("&reg. &not-x &amp_ &frac12").value());
        assertEquals("\u00ae;x", DecodedAttribute.decode("&reg;;x").value());
    }

    @Test
    void numericReferencesFollowTheStandardsReplacements() {
        assertEquals("\uFFFD\uFFFD\uFFFD\u20AC\u0081A\uD83D\uDE00&#x;",
                DecodedAttribute.decode("&#0;&#xD800;&#x110000&#128;&#x81;&#0000000000000065&#x1F600;&#x;").value());
    }

    @Test
    void aCrBeforeAReferenceToALineFeedIsTwoLineFeeds() {
        // Found by the long run (seed 7): the CR is preprocessed to LF on its own; the reference adds another.
        assertEquals("\n\n\r", DecodedAttribute.decode("\r&#Xa&#13;").value());
    }

    @Test
    void offsetsPointAtTheReferenceEachCharacterCameFrom() {
        String raw = "a&amp;b&reg=c&#x1F600;\r\nd";
        DecodedAttribute decoded = DecodedAttribute.decode(raw);
        assertEquals("a&b&reg=c\uD83D\uDE00\nd", decoded.value());
        int[] expected = {0, 1, 6, 7, 8, 9, 10, 11, 12, 13, 13, 22, 24, 25};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], decoded.toRaw().map(i), "offset " + i);
        }
    }

    @Test
    void decodesAsJsoupDoesOverGeneratedValues() {
        Fuzz.check(20_000, random -> Fuzz.text(random, PIECES, 12), raw -> {
            DecodedAttribute decoded = DecodedAttribute.decode(raw);
            assertEquals(standardised(jsoupValue(raw)), decoded.value());
            assertPiecesDecodeAlone(raw, decoded);
        });
    }

    /** Each raw piece that a run of decoded characters maps to decodes, on its own, to exactly that run. */
    private static void assertPiecesDecodeAlone(String raw, DecodedAttribute decoded) {
        String value = decoded.value();
        OffsetMap toRaw = decoded.toRaw();
        assertEquals(raw.length(), toRaw.map(value.length()));
        int i = 0;
        while (i < value.length()) {
            int j = i + 1;
            while (j < value.length() && toRaw.map(j) == toRaw.map(i)) {
                j++;
            }
            String piece = raw.substring(toRaw.map(i), toRaw.map(j));
            String alone = piece.startsWith("&") && toRaw.map(j) < raw.length()
                    // A reference's meaning can depend on the next character; give it that character too.
                    ? DecodedAttribute.decode(piece + raw.charAt(toRaw.map(j))).value()
                    : DecodedAttribute.decode(piece).value() + (toRaw.map(j) < raw.length() ? "\u0001" : "");
            String expected = value.substring(i, j) + (toRaw.map(j) < raw.length()
                    ? (piece.startsWith("&") ? DecodedAttribute.decode(String.valueOf(raw.charAt(toRaw.map(j))))
                    .value() : "\u0001") : "");
            assertEquals(expected, alone, "piece " + Fuzz.escape(piece) + " at " + toRaw.map(i));
            i = j;
        }
    }
}
