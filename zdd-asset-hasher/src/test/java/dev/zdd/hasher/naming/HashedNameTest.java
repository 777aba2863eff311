package dev.zdd.hasher.naming;

import dev.zdd.hasher.site.UrlResolver;
import dev.zdd.hasher.text.PercentEncoding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HashedNameTest {
    private static final String HASH = "1a2b3c4d";

    // --- of ---------------------------------------------------------------------------------------------------

    @Test
    void hashGoesBeforeTheExtension() {
        assertEquals("app.1a2b3c4d.css", HashedName.of("app.css", HASH));
        assertEquals("logo.1a2b3c4d.png", HashedName.of("logo.png", HASH));
    }

    @Test
    void hashGoesBeforeTheLastExtensionOnly() {
        assertEquals("archive.tar.1a2b3c4d.gz", HashedName.of("archive.tar.gz", HASH));
        assertEquals("app.min.1a2b3c4d.js", HashedName.of("app.min.js", HASH));
        assertEquals("app.js.1a2b3c4d.map", HashedName.of("app.js.map", HASH));
    }

    @Test
    void nameWithoutExtensionGetsHashAtTheEnd() {
        assertEquals("LICENSE.1a2b3c4d", HashedName.of("LICENSE", HASH));
        assertEquals("CNAME.1a2b3c4d", HashedName.of("CNAME", HASH));
    }

    @Test
    void dotFileWithoutStemGetsHashAtTheEnd() {
        assertEquals(".htaccess.1a2b3c4d", HashedName.of(".htaccess", HASH));
        assertEquals(".nojekyll.1a2b3c4d", HashedName.of(".nojekyll", HASH));
    }

    @Test
    void dotFileWithExtension() {
        assertEquals(".eslintrc.1a2b3c4d.json", HashedName.of(".eslintrc.json", HASH));
    }

    @Test
    void nonAsciiNameKeepsItsCharacters() {
        assertEquals("\u00e9t\u00e9.1a2b3c4d.png", HashedName.of("\u00e9t\u00e9.png", HASH));
        assertEquals("my logo.1a2b3c4d.png", HashedName.of("my logo.png", HASH));
    }

    // --- inUrl ------------------------------------------------------------------------------------------------

    private static String inUrl(String url, String fileName) {
        return HashedName.inUrl(url, HashedName.of(fileName, HASH), HASH);
    }

    @Test
    void plainRelativeUrl() {
        assertEquals("app.1a2b3c4d.css", inUrl("app.css", "app.css"));
        assertEquals("css/app.1a2b3c4d.css", inUrl("css/app.css", "app.css"));
    }

    @Test
    void relativePrefixQueryAndFragmentAreKept() {
        assertEquals("../fonts/icons.1a2b3c4d.eot?#iefix", inUrl("../fonts/icons.eot?#iefix", "icons.eot"));
        assertEquals("./img/sprite.1a2b3c4d.svg#icon", inUrl("./img/sprite.svg#icon", "sprite.svg"));
        assertEquals("app.1a2b3c4d.js?v=1&x=a/b.js", inUrl("app.js?v=1&x=a/b.js", "app.js"));
        assertEquals("page.1a2b3c4d.html#a/b.c", inUrl("page.html#a/b.c", "page.html"));
    }

    @Test
    void rootRelativeAndAbsoluteUrlsStayThatWay() {
        assertEquals("/docs/img/a.1a2b3c4d.png", inUrl("/docs/img/a.png", "a.png"));
        assertEquals("https://example.com/img/og.1a2b3c4d.png?w=1200",
                inUrl("https://example.com/img/og.png?w=1200", "og.png"));
        assertEquals("//example.com/a.1a2b3c4d.png", inUrl("//example.com/a.png", "a.png"));
    }

    @Test
    void percentEncodingIsKeptAsWritten() {
        assertEquals("my%20logo.1a2b3c4d.png", inUrl("my%20logo.png", "my logo.png"));
        assertEquals("img/%C3%A9t%C3%A9.1a2b3c4d.png", inUrl("img/%C3%A9t%C3%A9.png", "\u00e9t\u00e9.png"));
        assertEquals("img/%c3%a9t%c3%a9.1a2b3c4d.png", inUrl("img/%c3%a9t%c3%a9.png", "\u00e9t\u00e9.png"));
    }

    @Test
    void rawCharactersAreKeptAsWritten() {
        assertEquals("\u00e9t\u00e9.1a2b3c4d.png", inUrl("\u00e9t\u00e9.png", "\u00e9t\u00e9.png"));
        assertEquals("my logo.1a2b3c4d.png", inUrl("my logo.png", "my logo.png"));
    }

    @Test
    void fallsBackToEncodingWhenTheWrittenFormCannotBeKept() {
        // The dot itself is encoded, so inserting the hash before the last literal dot would be wrong.
        assertEquals("app.1a2b3c4d.css", inUrl("app%2Ecss", "app.css"));
        assertEquals("img/my%20logo.1a2b3c4d.png?x", inUrl("img/my%20logo%2epng?x", "my logo.png"));
        assertEquals("img/%C3%A9t%C3%A9.1a2b3c4d.png#f", inUrl("img/%C3%A9t%C3%A9%2Epng#f", "\u00e9t\u00e9.png"));
    }

    @Test
    void fallbackResultDecodesToTheHashedName() {
        for (String name : List.of("a b.png", "100%.png", "x#y.png", "q?.png", "\u00e9.png", "\ud83d\ude00.svg")) {
            String hashed = HashedName.of(name, HASH);
            String url = HashedName.inUrl("dir/%2e%2e%2e", hashed, HASH);
            String segment = url.substring("dir/".length());
            assertEquals(hashed, PercentEncoding.decode(segment), url);
            assertEquals(-1, segment.indexOf('?'), url);
            assertEquals(-1, segment.indexOf('#'), url);
            assertEquals(-1, segment.indexOf('/'), url);
            assertEquals(-1, segment.indexOf(' '), url);
        }
    }

    @Test
    void percentEncodeLeavesUnreservedAndSubDelimsAndEncodesTheRest() {
        assertEquals("aZ09-._~!$&'()*+,;=@", HashedName.percentEncode("aZ09-._~!$&'()*+,;=@"));
        // Found by UrlResolverFuzzTest: "a%2e%2edata:a" once became "a..1a2b3c4d.data:a", a URL with a scheme.
        assertEquals("a..1a2b3c4d.data%3Aa", HashedName.inUrl("a%2e%2edata:a", "a..1a2b3c4d.data:a", "1a2b3c4d"));
        assertEquals("a%20b%2Fc%3Fd%23e%25f%3A", HashedName.percentEncode("a b/c?d#e%f:"));
        // Found by UrlResolverFuzzTest: whitespace around a URL (a CSS string may hold it) was dropped.
        assertEquals(" a.1a2b3c4d.png\n", HashedName.inUrl(" a.png\n", "a.1a2b3c4d.png", "1a2b3c4d"));
        // And percent-encoded folders stay as written (issue 16, item 3).
        assertEquals("..%5c..%5Cimg%2fa.1a2b3c4d.png", HashedName.inUrl("..%5c..%5Cimg%2fa.png", "a.1a2b3c4d.png",
                "1a2b3c4d"));
        assertEquals("%C3%A9", HashedName.percentEncode("\u00e9"));
        assertEquals("%F0%9F%98%80", HashedName.percentEncode("\ud83d\ude00"));
    }

    @Test
    void backslashSeparatedUrlKeepsItsFolders() {
        // Browsers read a backslash in a path as a slash, and UrlResolver resolves "img\a.png" to img/a.png.
        assertEquals("img\\a.1a2b3c4d.png", inUrl("img\\a.png", "a.png"));
        assertEquals("..\\img\\a.1a2b3c4d.png?x", inUrl("..\\img\\a.png?x", "a.png"));
    }

    @Test
    void encodedSlashInTheLastSegmentKeepsItsFolder() {
        // UrlResolver resolves "img%2Fa.png" to img/a.png; the rewritten URL must still name that folder.
        String url = inUrl("img%2Fa%2Epng", "a.png");
        UrlResolver resolver = new UrlResolver("/", List.of());
        assertEquals("img/a.1a2b3c4d.png", resolver.resolve("index.html", url).path(), url);
    }

    @Test
    void rewrittenUrlResolvesToTheHashedFile() {
        UrlResolver resolver = new UrlResolver("/", List.of());
        String[][] cases = {
                {"css/app.css", "../fonts/icons.eot?#iefix", "icons.eot", "fonts/icons.1a2b3c4d.eot"},
                {"index.html", "my%20logo.png", "my logo.png", "my logo.1a2b3c4d.png"},
                {"index.html", "img/app%2Ecss", "app.css", "img/app.1a2b3c4d.css"},
                {"index.html", "%C3%A9t%C3%A9.png", "\u00e9t\u00e9.png", "\u00e9t\u00e9.1a2b3c4d.png"},
        };
        for (String[] c : cases) {
            String url = inUrl(c[1], c[2]);
            assertEquals(c[3], resolver.resolve(c[0], url).path(), url);
        }
    }
}
