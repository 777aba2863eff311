package dev.zdd.hasher.site;

import dev.zdd.hasher.hostile.Fuzz;
import dev.zdd.hasher.naming.HashedName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated URLs and folders through UrlResolver and HashedName.inUrl. */
class UrlResolverFuzzTest {
    private static final String HASH = "1a2b3c4d";
    private static final List<String> URL_PIECES = List.of("a", "b.png", ".css", "/", "\\", "../", "./", "..",
            ".", "%2e", "%2E%2e", "%2F", "%5c", "%5C", "%", "%zz", "%C3%A9", "%ED%A0%80", "\u00e9", "?", "#", "?v=1",
            "#x", ":", "//", "https:", "data:", "docs/", " ", "\n", "\t", "\0", "\ud83d\ude00", "\ud800");
    private static final List<String> FOLDER_PIECES = List.of("a", "b", "\n", "x\ny", "\u00e9", " ", "%", ".d");

    private record Query(String source, String base, String url) {
    }

    private static Query query(Random random) {
        StringBuilder source = new StringBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
            source.append(Fuzz.text(random, FOLDER_PIECES, 2)).append('/');
        }
        source.append("page.html");
        String base = random.nextInt(4) == 0 ? Fuzz.text(random, URL_PIECES, 4) : null;
        return new Query(source.toString(), base, Fuzz.text(random, URL_PIECES, 8));
    }

    @Test
    void targetsAreNormalAndTheCacheNeverMixesTwoQueries() {
        UrlResolver shared = new UrlResolver(Fuzz.oneOf(new Random(1), "/", "/docs/"), List.of("https://h"));
        Fuzz.check(20_000, UrlResolverFuzzTest::query, q -> {
            UrlResolver.Target target = shared.resolve(q.source(), q.base(), q.url());
            UrlResolver fresh = new UrlResolver(shared.basePath(), List.of("https://h"));
            assertEquals(fresh.resolve(q.source(), q.base(), q.url()), target, "a cached answer is the answer");
            if (target.isLocal()) {
                assertFalse(target.path().startsWith("/") || target.path().endsWith("/"), target.path());
                for (String segment : target.path().split("/", -1)) {
                    assertTrue(target.path().isEmpty() || !segment.isEmpty() && !segment.equals(".")
                            && !segment.equals(".."), target.path());
                }
            }
        });
    }

    @Test
    void aFolderAndAUrlHoldingNewlinesDoNotShareACacheEntry() {
        // Once the cache key was folder + "\n" + url: these two met on the same key "a/\nx\nb/\nc.png".
        UrlResolver resolver = new UrlResolver("/", List.of());
        assertEquals("a/\nx\nb/c.png", resolver.resolve("a/\nx\nb/page.html", "c.png").path());
        assertEquals("a/x\nb/\nc.png", resolver.resolve("a/page.html", "x\nb/\nc.png").path());
    }

    @Test
    void hashingAUrlChangesOnlyItsFileName() {
        UrlResolver resolver = new UrlResolver("/", List.of());
        Fuzz.check(20_000, UrlResolverFuzzTest::query, q -> {
            UrlResolver.Target target = resolver.resolve(q.source(), q.url());
            // A lone surrogate (a JSON string may hold one) names no file: names are UTF-8. Nothing to rewrite.
            boolean loneSurrogate = target.path().codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF);
            if (!target.isLocal() || target.directory() || target.path().isEmpty() || loneSurrogate) {
                return;
            }
            String name = target.path().substring(target.path().lastIndexOf('/') + 1);
            String newUrl = HashedName.inUrl(q.url(), HashedName.of(name, HASH), HASH);
            String expectedPath = target.path().substring(0, target.path().length() - name.length())
                    + HashedName.of(name, HASH);
            assertEquals(expectedPath, resolver.resolve(q.source(), newUrl).path(), "resolves to the hashed file: "
                    + Fuzz.escape(newUrl));
            int end = firstOf(q.url(), "?#");
            assertTrue(newUrl.startsWith(q.url().substring(0, folderEnd(q.url(), end))), "folders as written: "
                    + Fuzz.escape(newUrl));
            assertTrue(newUrl.endsWith(q.url().substring(end)), "query and fragment as written: "
                    + Fuzz.escape(newUrl));
        });
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Where the folders of a URL path end: after its last separator, written plainly or percent-encoded. */
    private static int folderEnd(String url, int end) {
        String path = url.substring(0, end).toLowerCase(Locale.ROOT);
        int encoded = Math.max(path.lastIndexOf("%2f"), path.lastIndexOf("%5c"));
        return Math.max(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1, encoded < 0 ? 0 : encoded + 3);
    }
}
