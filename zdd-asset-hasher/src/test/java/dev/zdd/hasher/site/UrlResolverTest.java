package dev.zdd.hasher.site;

import dev.zdd.hasher.site.UrlResolver.Target;
import dev.zdd.hasher.site.UrlResolver.Target.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlResolverTest {

    private static final UrlResolver ROOT = new UrlResolver("/", List.of());
    private static final UrlResolver DOCS = new UrlResolver("/docs/", List.of());

    private static void assertLocal(Target target, String path) {
        assertEquals(Kind.LOCAL, target.kind(), () -> "kind of " + target);
        assertEquals(path, target.path(), () -> "path of " + target);
        assertTrue(target.isLocal());
    }

    private static void assertExternal(Target target) {
        assertEquals(Kind.EXTERNAL, target.kind(), () -> "kind of " + target);
        assertFalse(target.isLocal());
    }

    private static void assertOutside(Target target) {
        assertEquals(Kind.OUTSIDE, target.kind(), () -> "kind of " + target);
        assertFalse(target.isLocal());
    }

    // --- <base href> -------------------------------------------------------------------------------------------

    @Test
    void aBaseHrefIsWhatRelativeUrlsOfAPageResolveAgainst() {
        assertLocal(ROOT.resolve("blog/post/index.html", "/", "css/app.css"), "css/app.css");
        assertLocal(ROOT.resolve("blog/post/index.html", "../", "css/app.css"), "blog/css/app.css");
        assertLocal(ROOT.resolve("blog/post/index.html", "/static/index.html", "app.css"), "static/app.css");
        // Without a trailing slash the base's last segment is a file, not a folder.
        assertLocal(ROOT.resolve("blog/post/index.html", "/static", "app.css"), "app.css");
        // Absolute paths ignore the base's folder.
        assertLocal(ROOT.resolve("blog/post/index.html", "/static/", "/img/a.png"), "img/a.png");
        assertLocal(ROOT.resolve("blog/post/index.html", null, "css/app.css"), "blog/post/css/app.css");
        assertLocal(DOCS.resolve("a/index.html", "/docs/", "x.png"), "x.png");
    }

    @Test
    void aBaseOnAnotherHostOrOutsideTheSiteTakesRelativeUrlsWithIt() {
        assertExternal(ROOT.resolve("index.html", "https://cdn.example.org/", "css/app.css"));
        assertExternal(ROOT.resolve("index.html", "https://cdn.example.org/", "/css/app.css"));
        assertLocal(new UrlResolver("/", List.of("https://example.com")).resolve("index.html",
                "https://example.com/assets/", "app.css"), "assets/app.css");
        assertOutside(DOCS.resolve("index.html", "/elsewhere/", "app.css"));
        assertLocal(DOCS.resolve("index.html", "/elsewhere/", "/docs/app.css"), "app.css");
        assertExternal(ROOT.resolve("index.html", "/", "https://example.org/x.css"));
    }

    // --- relative URLs ---------------------------------------------------------------------------------------

    @Test
    void relativeUrlFromNestedSourceClimbsOneFolder() {
        Target t = ROOT.resolve("css/app.css", "../img/a.png");
        assertLocal(t, "img/a.png");
        assertNull(t.fragment());
        assertFalse(t.directory());
    }

    @Test
    void relativeUrlResolvesAgainstSourceFolder() {
        assertLocal(ROOT.resolve("css/app.css", "img/a.png"), "css/img/a.png");
        assertLocal(ROOT.resolve("css/app.css", "./fonts/x.woff2"), "css/fonts/x.woff2");
        assertLocal(ROOT.resolve("a/b/c/page.html", "../../d/e.js"), "a/d/e.js");
        assertLocal(ROOT.resolve("index.html", "app.js"), "app.js");
    }

    @Test
    void dotSegmentsInTheMiddleAreResolved() {
        assertLocal(ROOT.resolve("index.html", "a/./b/../c.png"), "a/c.png");
        assertLocal(ROOT.resolve("index.html", "a//b.png"), "a/b.png");
    }

    @Test
    void relativeUrlIsIndependentOfBasePath() {
        assertLocal(DOCS.resolve("css/app.css", "../img/a.png"), "img/a.png");
    }

    @Test
    void climbingAboveTheRootIsOutside() {
        assertOutside(ROOT.resolve("index.html", "../a.png"));
        assertOutside(ROOT.resolve("css/app.css", "../../img/a.png"));
        assertOutside(ROOT.resolve("index.html", "/../a.png"));
        assertOutside(DOCS.resolve("index.html", "../a.png"));
    }

    @Test
    void climbingToExactlyTheRootIsStillLocal() {
        Target t = ROOT.resolve("css/app.css", "../");
        assertLocal(t, "");
        assertTrue(t.directory());
    }

    // --- root-relative URLs ---------------------------------------------------------------------------------

    @Test
    void rootRelativeWithRootBasePath() {
        assertLocal(ROOT.resolve("deep/nested/page.html", "/img/a.png"), "img/a.png");
        assertFalse(ROOT.resolve("deep/nested/page.html", "/img/a.png").directory());
    }

    @Test
    void rootRelativeUnderBasePath() {
        assertLocal(DOCS.resolve("guide/index.html", "/docs/img/a.png"), "img/a.png");
    }

    @Test
    void rootRelativeOutsideBasePathIsOutside() {
        Target t = DOCS.resolve("index.html", "/img/a.png");
        assertOutside(t);
        assertEquals("/img/a.png", t.path());
        assertOutside(DOCS.resolve("index.html", "/docsx/a.png"));
        assertOutside(DOCS.resolve("index.html", "/"));
    }

    @Test
    void rootRelativeClimbingOutOfBasePathIsOutside() {
        assertOutside(DOCS.resolve("index.html", "/docs/../img/a.png"));
    }

    @Test
    void dotSegmentsAreResolvedBeforeTheBasePathCheck() {
        // Browsers resolve these to /docs/a.png, which is inside the base path.
        assertLocal(DOCS.resolve("index.html", "/docs/../docs/a.png"), "a.png");
        assertLocal(DOCS.resolve("index.html", "/./docs/img/a.png"), "img/a.png");
        assertLocal(DOCS.resolve("index.html", "/img/../docs/a.png"), "a.png");
        assertLocal(DOCS.resolve("guide/index.html", "../../docs/a.png"), "a.png");
        assertLocal(DOCS.resolve("index.html", "../docs/"), "");
        assertTrue(DOCS.resolve("index.html", "../docs/").directory());
        // ... and these to /img/a.png and /docsx/a.png, which are not.
        assertOutside(DOCS.resolve("guide/index.html", "../../img/a.png"));
        assertOutside(DOCS.resolve("index.html", "../docsx/a.png"));
        assertOutside(DOCS.resolve("index.html", ".."));
    }

    @Test
    void basePathItselfWithOrWithoutSlashIsTheSiteRoot() {
        Target withSlash = DOCS.resolve("a/b.html", "/docs/");
        assertLocal(withSlash, "");
        assertTrue(withSlash.directory());
        Target withoutSlash = DOCS.resolve("a/b.html", "/docs");
        assertLocal(withoutSlash, "");
        assertTrue(withoutSlash.directory());
    }

    @Test
    void basePathIsNormalized() {
        assertEquals("/docs/", new UrlResolver("docs", List.of()).basePath());
        assertEquals("/docs/", new UrlResolver("/docs", List.of()).basePath());
        assertEquals("/docs/", new UrlResolver("docs/", List.of()).basePath());
        assertEquals("/", new UrlResolver("/", List.of()).basePath());
        assertLocal(new UrlResolver("docs", List.of()).resolve("x.html", "/docs/a.png"), "a.png");
    }

    // --- external ---------------------------------------------------------------------------------------------

    @Test
    void urlsWithSchemesAreExternal() {
        for (String url : List.of("https://example.com/a.png", "http://example.com/", "HTTPS://x.org/a.css",
                "data:image/png;base64,iVBORw0KGgo=", "mailto:someone@example.com", "javascript:void(0)",
                "tel:+123456789", "blob:https://example.com/uuid", "ftp://example.com/a.zip")) {
            Target t = ROOT.resolve("index.html", url);
            assertEquals(Kind.EXTERNAL, t.kind(), url);
        }
    }

    @Test
    void protocolRelativeUrlIsExternal() {
        assertExternal(ROOT.resolve("index.html", "//cdn.example.com/x.js"));
    }

    @Test
    void sameDocumentUrlsAreExternal() {
        assertExternal(ROOT.resolve("index.html", "#top"));
        assertExternal(ROOT.resolve("index.html", "?x"));
        assertExternal(ROOT.resolve("index.html", "?x=1#y"));
        assertExternal(ROOT.resolve("index.html", ""));
        assertExternal(ROOT.resolve("index.html", "   "));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertLocal(ROOT.resolve("index.html", "  img/a.png\n"), "img/a.png");
        assertExternal(ROOT.resolve("index.html", " https://example.com/a.png "));
    }

    // --- query and fragment -----------------------------------------------------------------------------------

    @Test
    void queryAndFragmentAreSplitOff() {
        Target t = ROOT.resolve("css/fonts.css", "font.eot?#iefix");
        assertLocal(t, "css/font.eot");
        assertEquals("iefix", t.fragment());
        assertFalse(t.directory());
    }

    @Test
    void fragmentWithoutQuery() {
        Target t = ROOT.resolve("index.html", "sprite.svg#icon");
        assertLocal(t, "sprite.svg");
        assertEquals("icon", t.fragment());
    }

    @Test
    void queryWithoutFragment() {
        Target t = ROOT.resolve("index.html", "app.js?v=3");
        assertLocal(t, "app.js");
        assertNull(t.fragment());
    }

    @Test
    void fragmentIsPercentDecoded() {
        assertEquals("caf\u00e9 au lait", ROOT.resolve("index.html", "page.html#caf%C3%A9%20au%20lait").fragment());
    }

    @Test
    void emptyFragmentIsEmptyNotNull() {
        assertEquals("", ROOT.resolve("index.html", "page.html#").fragment());
    }

    // --- percent-encoding and non-ASCII -----------------------------------------------------------------------

    @Test
    void percentEncodedPathIsDecoded() {
        assertLocal(ROOT.resolve("index.html", "my%20file.png"), "my file.png");
        assertLocal(ROOT.resolve("index.html", "%C3%A9t%C3%A9.png"), "\u00e9t\u00e9.png");
        assertLocal(ROOT.resolve("index.html", "img/%e2%82%ac.png"), "img/\u20ac.png");
    }

    @Test
    void malformedPercentEscapesStayAsWritten() {
        assertLocal(ROOT.resolve("index.html", "a%zz.png"), "a%zz.png");
        assertLocal(ROOT.resolve("index.html", "100%.png"), "100%.png");
        assertLocal(ROOT.resolve("index.html", "a%2.png"), "a%2.png");
        assertLocal(ROOT.resolve("index.html", "a%2"), "a%2");
    }

    @Test
    void rawNonAsciiUrls() {
        assertLocal(ROOT.resolve("blog/\u00e9t\u00e9/index.html", "\u00e9t\u00e9.png"),
                "blog/\u00e9t\u00e9/\u00e9t\u00e9.png");
        assertLocal(ROOT.resolve("index.html", "/\u65e5\u672c/\u753b\u50cf.jpg"), "\u65e5\u672c/\u753b\u50cf.jpg");
    }

    @Test
    void percentEncodedAndRawNonAsciiResolveToTheSamePath() {
        assertEquals(ROOT.resolve("index.html", "\u00e9t\u00e9.png").path(),
                ROOT.resolve("index.html", "%C3%A9t%C3%A9.png").path());
    }

    @Test
    void encodedQuestionMarkIsPartOfThePath() {
        Target t = ROOT.resolve("index.html", "what%3F.png?x");
        assertLocal(t, "what?.png");
    }

    // --- site origins -----------------------------------------------------------------------------------------

    @Test
    void absoluteUrlOnSiteOriginIsLocal() {
        UrlResolver r = new UrlResolver("/", List.of("https://example.com"));
        Target t = r.resolve("blog/post.html", "https://example.com/img/og.png");
        assertLocal(t, "img/og.png");
        assertFalse(t.directory());
    }

    @Test
    void siteOriginMatchIsCaseInsensitive() {
        UrlResolver upperOrigin = new UrlResolver("/", List.of("https://EXAMPLE.com"));
        assertLocal(upperOrigin.resolve("index.html", "https://example.com/img/og.png"), "img/og.png");
        UrlResolver lowerOrigin = new UrlResolver("/", List.of("https://example.com"));
        assertLocal(lowerOrigin.resolve("index.html", "HTTPS://Example.COM/img/og.png"), "img/og.png");
    }

    @Test
    void siteOriginMatchKeepsThePathCase() {
        UrlResolver r = new UrlResolver("/", List.of("https://EXAMPLE.com"));
        assertLocal(r.resolve("index.html", "https://example.com/Img/OG.png"), "Img/OG.png");
    }

    @Test
    void siteOriginWithTrailingSlash() {
        UrlResolver r = new UrlResolver("/", List.of("https://example.com/"));
        assertLocal(r.resolve("index.html", "https://example.com/img/og.png"), "img/og.png");
    }

    @Test
    void hostThatMerelyStartsWithTheOriginIsExternal() {
        UrlResolver r = new UrlResolver("/", List.of("https://example.com"));
        assertExternal(r.resolve("index.html", "https://example.com.evil.org/x"));
        assertExternal(r.resolve("index.html", "https://example.community/x.png"));
        assertExternal(r.resolve("index.html", "https://example.com@evil.org/x.png"));
        assertExternal(r.resolve("index.html", "https://example.com:8443/x.png"));
        assertExternal(r.resolve("index.html", "http://example.com/x.png"));
        assertExternal(r.resolve("index.html", "https://other.example.com/x.png"));
    }

    @Test
    void protocolRelativeUrlOnSiteOriginIsLocal() {
        UrlResolver r = new UrlResolver("/", List.of("https://example.com"));
        assertLocal(r.resolve("index.html", "//example.com/img/a.png"), "img/a.png");
        assertExternal(r.resolve("index.html", "//cdn.example.com/x.js"));
    }

    @Test
    void bareSiteOriginIsTheRootFolder() {
        UrlResolver r = new UrlResolver("/", List.of("https://example.com"));
        Target t = r.resolve("index.html", "https://example.com");
        assertLocal(t, "");
        assertTrue(t.directory());
        Target withQuery = r.resolve("index.html", "https://example.com?x=1#frag");
        assertLocal(withQuery, "");
        assertEquals("frag", withQuery.fragment());
    }

    @Test
    void siteOriginUrlIsCheckedAgainstBasePath() {
        UrlResolver r = new UrlResolver("/docs/", List.of("https://example.com"));
        assertLocal(r.resolve("index.html", "https://example.com/docs/img/og.png"), "img/og.png");
        assertOutside(r.resolve("index.html", "https://example.com/img/og.png"));
    }

    @Test
    void anyOfSeveralOriginsMatches() {
        UrlResolver r = new UrlResolver("/", List.of("https://example.com", "https://www.example.com"));
        assertLocal(r.resolve("index.html", "https://www.example.com/a.png"), "a.png");
        assertLocal(r.resolve("index.html", "https://example.com/b.png"), "b.png");
    }

    // --- directories ------------------------------------------------------------------------------------------

    @Test
    void directoryUrls() {
        Target docs = ROOT.resolve("index.html", "docs/");
        assertLocal(docs, "docs");
        assertTrue(docs.directory());

        Target dot = ROOT.resolve("docs/index.html", ".");
        assertLocal(dot, "docs");
        assertTrue(dot.directory());

        Target slash = ROOT.resolve("docs/index.html", "/");
        assertLocal(slash, "");
        assertTrue(slash.directory());

        Target dotDot = ROOT.resolve("docs/guide/index.html", "..");
        assertLocal(dotDot, "docs");
        assertTrue(dotDot.directory());

        Target dotSlash = ROOT.resolve("index.html", "./");
        assertLocal(dotSlash, "");
        assertTrue(dotSlash.directory());

        Target trailingDot = ROOT.resolve("index.html", "docs/.");
        assertLocal(trailingDot, "docs");
        assertTrue(trailingDot.directory());
    }

    @Test
    void directoryUrlWithQueryAndFragment() {
        Target t = ROOT.resolve("index.html", "docs/?page=2#intro");
        assertLocal(t, "docs");
        assertTrue(t.directory());
        assertEquals("intro", t.fragment());
    }

    @Test
    void fileUrlsAreNotDirectories() {
        assertFalse(ROOT.resolve("index.html", "docs").directory());
        assertFalse(ROOT.resolve("index.html", "docs/index.html").directory());
        assertFalse(ROOT.resolve("index.html", "/docs/index.html").directory());
    }

    @Test
    void backslashesActAsSlashes() {
        assertLocal(ROOT.resolve("css/app.css", "..\\img\\a.png"), "img/a.png");
    }
}
