package dev.zdd.hasher.site;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {

    private static void assertMatches(String pattern, String... paths) {
        Glob glob = Glob.of(pattern);
        for (String path : paths) {
            assertTrue(glob.matches(path), pattern + " should match " + path);
        }
    }

    private static void assertNoMatch(String pattern, String... paths) {
        Glob glob = Glob.of(pattern);
        for (String path : paths) {
            assertFalse(glob.matches(path), pattern + " should not match " + path);
        }
    }

    @Test
    void doubleStarSlashMatchesAnyDepthIncludingNone() {
        assertMatches("**/*.css", "a.css", "x/a.css", "x/y/a.css", "x/y/z/.hidden.css");
        assertNoMatch("**/*.css", "a.cssx", "a.css/b", "x/y/a.js", "acss");
    }

    @Test
    void singleStarStaysInOneFolder() {
        assertMatches("*.css", "a.css", ".css", "app.min.css");
        assertNoMatch("*.css", "x/a.css", "x/y/a.css");
    }

    @Test
    void starInAFolder() {
        assertMatches("css/*.css", "css/a.css");
        assertNoMatch("css/*.css", "a.css", "css/x/a.css", "other/css/a.css");
    }

    @Test
    void doubleStarInTheMiddle() {
        assertMatches("assets/**/*.png", "assets/a.png", "assets/x/a.png", "assets/x/y/a.png");
        assertNoMatch("assets/**/*.png", "a.png", "other/assets/a.png");
    }

    @Test
    void trailingDoubleStarMatchesEverythingBelow() {
        assertMatches(".well-known/**", ".well-known/security.txt", ".well-known/a/b/c", ".well-known/");
        assertNoMatch(".well-known/**", "well-known/security.txt", "x.well-known/a", ".well-knownx/a",
                "a/.well-known/b");
    }

    @Test
    void alternatives() {
        assertMatches("**/*.{png,jpg,svg}", "a.png", "x/b.jpg", "c.svg");
        assertNoMatch("**/*.{png,jpg,svg}", "a.gif", "a.pngjpg", "a.{png,jpg,svg}", "a.png,jpg");
        assertMatches("{a,b}/x.js", "a/x.js", "b/x.js");
        assertNoMatch("{a,b}/x.js", "c/x.js", "ab/x.js");
    }

    @Test
    void nestedAndEmptyAlternatives() {
        assertMatches("app{,.min}.{js,css}", "app.js", "app.min.js", "app.css", "app.min.css");
        assertNoMatch("app{,.min}.{js,css}", "app.max.js", "app.", "app.min");
        assertMatches("{a,{b,c}d}.txt", "a.txt", "bd.txt", "cd.txt");
        assertNoMatch("{a,{b,c}d}.txt", "b.txt", "ad.txt");
    }

    @Test
    void commaOutsideBracesIsLiteral() {
        assertMatches("a,b.txt", "a,b.txt");
        assertNoMatch("a,b.txt", "a.txt", "b.txt");
    }

    @Test
    void questionMarkIsExactlyOneCharacterButNotASlash() {
        assertMatches("img/?.png", "img/a.png", "img/1.png");
        assertNoMatch("img/?.png", "img/ab.png", "img/.png", "img//.png");
        assertNoMatch("a?b", "a/b");
        assertMatches("a?b", "a\u00e9b");
    }

    @Test
    void matchingIgnoresCase() {
        assertMatches("**/*.png", "LOGO.PNG", "img/Logo.Png");
        assertMatches("**/*.PNG", "logo.png");
        assertMatches("Fonts/*.{WOFF,woff2}", "fonts/a.woff", "FONTS/a.WOFF2");
        assertMatches("**/*.\u00c9T\u00c9", "x.\u00e9t\u00e9");
    }

    @Test
    void regexMetacharactersAreLiteral() {
        assertMatches("a.b+c(d)[e]$^|.txt", "a.b+c(d)[e]$^|.txt");
        assertNoMatch("a.b", "axb");
        assertNoMatch("a+.txt", "aa.txt");
        assertMatches("\\Q\\E.txt", "\\Q\\E.txt");
    }

    @Test
    void leadingSlashIsIgnored() {
        assertMatches("/*.css", "a.css");
        assertNoMatch("/*.css", "x/a.css", "/a.css");
        assertMatches("/**/*.css", "a.css", "x/a.css");
    }

    @Test
    void exactPath() {
        assertMatches("robots.txt", "robots.txt", "ROBOTS.TXT");
        assertNoMatch("robots.txt", "x/robots.txt", "robots.txt.bak");
    }

    @Test
    void unbalancedBracesThrow() {
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> Glob.of("*.{png,jpg"));
        assertTrue(open.getMessage().contains("*.{png,jpg"), open.getMessage());
        IllegalArgumentException close = assertThrows(IllegalArgumentException.class, () -> Glob.of("*.png}"));
        assertTrue(close.getMessage().contains("*.png}"), close.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Glob.of("}{"));
        assertThrows(IllegalArgumentException.class, () -> Glob.of("{{a}"));
        assertThrows(IllegalArgumentException.class, () -> Glob.all(List.of("*.css", "{")));
    }

    @Test
    void anyMatchesAndAll() {
        List<Glob> globs = Glob.all(List.of("**/*.css", "img/**"));
        assertTrue(Glob.anyMatches(globs, "x/a.css"));
        assertTrue(Glob.anyMatches(globs, "img/a/b.gif"));
        assertFalse(Glob.anyMatches(globs, "js/a.js"));
        assertFalse(Glob.anyMatches(List.of(), "a.css"));
    }

    @Test
    void toStringIsThePatternAsGiven() {
        assertEquals("/**/*.{a,b}", Glob.of("/**/*.{a,b}").toString());
    }

    @Test
    void theExtensionShortcutAnswersAsTheRegexDoes() {
        // Upper-case extensions take the regex; lower-case ones the shortcut; matching ignores case, so they agree.
        Glob shortcut = Glob.of("**/*.{css,js,woff2}");
        Glob regex = Glob.of("**/*.{CSS,JS,WOFF2}");
        String[] pieces = {"a", "B", "/", ".", "css", "CsS", "js", "woff2", "\n", "\u017f", "\u212a", "\u00e9", " ",
                ".css/", "x.js"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder path = new StringBuilder();
            for (int p = random.nextInt(6); p >= 0; p--) {
                path.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = path.toString();
            assertEquals(regex.matches(s), shortcut.matches(s), () -> "path '" + s + "'");
        }
        assertTrue(shortcut.matches("a/b/STYLE.CSS"));
        assertFalse(shortcut.matches("a/b.css/c"));
        assertTrue(shortcut.matches(".css"));
    }
}
