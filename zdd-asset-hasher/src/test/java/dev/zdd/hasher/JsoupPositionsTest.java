package dev.zdd.hasher;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTML rewriting relies on from jsoup: with position tracking, an attribute's value range and a data
 * node's range point at the raw text in the original input (entities, quoting, case and CRLF as written), so
 * replacing just those ranges keeps every other byte.
 */
class JsoupPositionsTest {
    private static final String HTML = "\uFEFF<!doctype html>\r\n<html><head><style>a{b:url(x.png)}</style></head>"
            + "<body>\r\n<img src=\"a&amp;b.png\" srcset='x.png 1x, y.png 2x' alt=foo>\r\n<IMG SRC=c.png></body></html>";

    private static String raw(Range range) {
        assertTrue(range.isTracked(), "position tracking is on");
        return HTML.substring(range.start().pos(), range.end().pos());
    }

    @Test
    void attributeValueRangesPointAtTheRawTextAndValuesAreDecoded() {
        Document document = Jsoup.parse(HTML, "", Parser.htmlParser().setTrackPosition(true));
        Element first = document.select("img").get(0);
        Attribute src = first.attribute("src");
        assertEquals("a&b.png", src.getValue());
        assertEquals("a&amp;b.png", raw(src.sourceRange().valueRange()));
        assertEquals("x.png 1x, y.png 2x", raw(first.attribute("srcset").sourceRange().valueRange()));
        Attribute upper = document.select("img").get(1).attribute("src");
        assertEquals("c.png", raw(upper.sourceRange().valueRange()));
        assertEquals("SRC", raw(upper.sourceRange().nameRange()));
    }

    @Test
    void aStyleElementsTextRangePointsAtItsRawText() {
        Document document = Jsoup.parse(HTML, "", Parser.htmlParser().setTrackPosition(true));
        DataNode css = document.selectFirst("style").dataNodes().get(0);
        assertEquals("a{b:url(x.png)}", raw(css.sourceRange()));
    }
}
