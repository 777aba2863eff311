package dev.zdd.hasher.refs;

import dev.zdd.hasher.hostile.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile text through the CSS tokenizer, the srcset parser and the HTML reader (attribute decoding,
 * srcset, style, meta refresh). Bounded for the normal build; {@code -Dzdd.fuzz.scale=100} for a long run.
 */
class ReaderFuzzTest {
    /** Pieces of URLs: folders, separators written every way, queries, entities, escapes, odd characters. */
    private static final List<String> URL_PIECES = List.of("img/", "a.png", "b.css", "../", "./", "..%5c",
            "%5C", "%2F", "%2e", "\\", "/", "?", "#", "=", "&", "&amp;", "&amp", "&reg=", "&reg", "&#38;", "&#x26",
            "%", "%zz", "%C3%A9", "\u00e9", " ", ",", "(", ")", "'", "\"", ";", "x", "1x", "\t", "\n", "\r\n",
            "\0", "\\29 ", "\\", "data:", "https://h/", "//", "url(", "<", ">", "\ud83d\ude00");
    private static final List<String> CSS_PIECES = List.of("url(", "url( ", "URL(", ")", "\"", "'", "\\", "\\\"",
            "/*", "*/", "@import ", "@import url(", "image-set(", "-webkit-image-set(", "src(", ";", "{", "}",
            ":", ",", " ", "\n", "\r", "\f", "a.png", "img/b.png", "../c.css", "%5c", "?x#y", "data:x,y", "\0",
            "\\0", "\\29 ", "\u00e9", "/*# sourceMappingURL=m.map */", "(", "-", "1x", "@");

    @Test
    void cssReferencesHoldTheirPropertiesOnGeneratedStyleSheets() {
        FileReader css = FileReader.of(new CssReferences());
        Fuzz.check(4_000, random -> Fuzz.text(random, random.nextBoolean() ? CSS_PIECES : mixed(), 24),
                text -> ReferenceProperties.check(css, "css/site.css", text));
    }

    @Test
    void htmlReferencesHoldTheirPropertiesOnGeneratedPages() {
        HtmlReferences html = new HtmlReferences();
        Fuzz.check(4_000, ReaderFuzzTest::page, text -> ReferenceProperties.check(html, "docs/page.html", text));
    }

    @Test
    void srcsetCandidatesAreNonEmptyWhitespaceFreeAndInOrder() {
        Fuzz.check(20_000, random -> Fuzz.text(random, URL_PIECES, 16), srcset -> {
            int previousEnd = 0;
            for (TextRange url : SrcsetCandidates.urls(srcset)) {
                assertTrue(url.start() >= previousEnd && url.end() > url.start() && url.end() <= srcset.length(),
                        url.toString());
                String text = srcset.substring(url.start(), url.end());
                assertFalse(text.startsWith(",") || text.endsWith(",") || text.chars().anyMatch(c ->
                        c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'), Fuzz.escape(text));
                previousEnd = url.end();
            }
        });
    }

    private static List<String> mixed() {
        return URL_PIECES;
    }

    /** A page of elements whose URL attributes hold generated values, quoted every way. */
    private static String page(Random random) {
        StringBuilder html = new StringBuilder("<!doctype html>\n");
        int elements = 1 + random.nextInt(5);
        for (int i = 0; i < elements; i++) {
            String value = Fuzz.text(random, URL_PIECES, 10);
            String attribute = Fuzz.oneOf(random, "<img src=%s>", "<img srcset=%s>", "<div style=%s></div>",
                    "<meta http-equiv=refresh content=%s>", "<a href=%s>x</a>", "<link rel=stylesheet href=%s>",
                    "<source srcset=%s>", "<svg><image href=%s /></svg>", "<body background=%s>");
            String quoted = switch (random.nextInt(3)) {
                case 0 -> "\"" + value.replace("\"", "&quot;") + "\"";
                case 1 -> "'" + value.replace("'", "&#39;") + "'";
                default -> value.isEmpty() ? "x" : value.replaceAll("[\\s\"'=<>`]", "");
            };
            if (attribute.startsWith("<div style")) {
                quoted = quoted.replaceFirst("^([\"']?)", "$1background:url(") ;
            } else if (attribute.startsWith("<meta")) {
                quoted = quoted.replaceFirst("^([\"']?)", "$10;url=");
            }
            html.append(attribute.replace("%s", quoted)).append('\n');
        }
        return html.toString();
    }
}
