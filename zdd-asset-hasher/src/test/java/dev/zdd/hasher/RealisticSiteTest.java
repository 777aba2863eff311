package dev.zdd.hasher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small site shaped like real ones: an icon font, responsive images, a bundle with a map, a web manifest. */
class RealisticSiteTest {
    private static final String FONT_CSS = """
            @font-face {
              font-family: 'icons';
              src: url('../fonts/icons.eot');
              src: url('../fonts/icons.eot?#iefix') format('embedded-opentype'),
                   url("../fonts/icons.woff2") format("woff2"),
                   url(../fonts/icons.woff) format('woff'),
                   url('../fonts/icons.svg#icons') format('svg');
            }
            /* Old sprite, kept for reference: url(../img/old-sprite.png) */
            .icon-home:before { content: "\\e900"; }
            .logo { background-image: image-set("../img/logo.png" 1x, url(../img/logo@2x.png) 2x); }
            .check { background: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cpath fill='url(%23g)'/%3E%3C/svg%3E"); }
            .ext { background: url(https://cdn.example.org/bg.png); }
            /*# sourceMappingURL=icons.css.map */
            """;

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Home</title>
              <meta property="og:image" content="https://www.example.com/img/social.png">
              <meta name="twitter:image" content="/img/social.png">
              <link rel="stylesheet" href="css/icons.css">
              <link rel="icon" type="image/png" sizes="32x32" href="/img/favicon-32.png">
              <link rel="manifest" href="/site.webmanifest">
              <link rel="preload" href="fonts/icons.woff2" as="font" type="font/woff2" crossorigin>
              <script type="importmap">{ "imports": { "app": "/js/app.js" } }</script>
            </head>
            <body>
              <a href="#main" class="skip">Skip</a>
              <picture>
                <source type="image/webp" srcset="img/hero-800.webp 800w, img/hero-1600.webp 1600w" sizes="100vw">
                <img src="img/hero-800.jpg" srcset="img/hero-800.jpg 800w, img/hero-1600.jpg 1600w" alt="Hero">
              </picture>
              <svg class="i"><use href="fonts/icons.svg#home"></use></svg>
              <main id="main" style="background:url('img/paper.png')">Hello</main>
              <script type="module" src="js/app.js"></script>
            </body>
            </html>
            """;

    @TempDir
    Path temp;
    private HashResult result;

    @BeforeEach
    void hashSite() throws Exception {
        new TestSite(temp.resolve("site"))
                .file("index.html", PAGE)
                .file("css/icons.css", FONT_CSS)
                .file("css/icons.css.map", "{\"version\":3,\"file\":\"icons.css\",\"sources\":[\"../src/icons.scss\"],"
                        + "\"names\":[],\"mappings\":\"AAAA\"}")
                .file("fonts/icons.eot", "eot").file("fonts/icons.woff2", "woff2").file("fonts/icons.woff", "woff")
                .file("fonts/icons.svg", "<svg><symbol id='home'/></svg>")
                .file("img/logo.png", "logo").file("img/logo@2x.png", "logo2").file("img/social.png", "social")
                .file("img/favicon-32.png", "fav").file("img/hero-800.webp", "w8").file("img/hero-1600.webp", "w16")
                .file("img/hero-800.jpg", "j8").file("img/hero-1600.jpg", "j16").file("img/paper.png", "paper")
                .file("img/icon-192.png", "192").file("img/icon-512.png", "512").file("img/screen.png", "screen")
                .file("js/app.js", "import('./chunk.js');\n//# sourceMappingURL=app.js.map\n")
                .file("js/app.js.map", "{\"version\":3,\"file\":\"app.js\",\"sources\":[\"../src/app.ts\"],"
                        + "\"mappings\":\"AAAA\"}")
                .file("site.webmanifest", """
                        {
                          "name": "Example",
                          "start_url": "/index.html",
                          "icons": [
                            { "src": "/img/icon-192.png", "sizes": "192x192", "type": "image/png" },
                            { "src": "img/icon-512.png", "sizes": "512x512", "type": "image/png" }
                          ],
                          "screenshots": [ { "src": "img/screen.png", "sizes": "1280x720" } ]
                        }
                        """);
        result = new AssetHasher(HasherConfig.builder(temp.resolve("site"), temp.resolve("out"))
                .siteOrigins(List.of("https://www.example.com")).build()).run();
    }

    private String name(String original) {
        String path = result.manifest().paths().get(original);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String out(String original) {
        return TestSite.read(temp.resolve("out"), result.manifest().paths().getOrDefault(original, original));
    }

    @Test
    void fontIconCssKeepsIefixAndFragmentsAndLeavesCommentsDataUrisAndExternalUrlsAlone() {
        String expected = FONT_CSS
                .replace("../fonts/icons.eot'", "../fonts/" + name("fonts/icons.eot") + "'")
                .replace("../fonts/icons.eot?#iefix", "../fonts/" + name("fonts/icons.eot") + "?#iefix")
                .replace("../fonts/icons.woff2", "../fonts/" + name("fonts/icons.woff2"))
                .replace("../fonts/icons.woff)", "../fonts/" + name("fonts/icons.woff") + ")")
                .replace("../fonts/icons.svg#icons", "../fonts/" + name("fonts/icons.svg") + "#icons")
                .replace("\"../img/logo.png\"", "\"../img/" + name("img/logo.png") + "\"")
                .replace("../img/logo@2x.png", "../img/" + name("img/logo@2x.png"))
                .replace("sourceMappingURL=icons.css.map", "sourceMappingURL=" + name("css/icons.css.map"));
        assertEquals(expected, out("css/icons.css"));
        assertTrue(out("css/icons.css").contains("url(../img/old-sprite.png)"), "comment untouched");
        assertTrue(out("css/icons.css.map").contains("\"file\":\"" + name("css/icons.css") + "\""));
        assertTrue(out("css/icons.css.map").contains("\"../src/icons.scss\""), "sources are not site files");
    }

    @Test
    void pageRewritesSrcsetOgImageIconsManifestImportMapAndStyle() {
        String page = out("index.html");
        assertTrue(page.contains("content=\"https://www.example.com/img/" + name("img/social.png") + "\""), page);
        assertTrue(page.contains("content=\"/img/" + name("img/social.png") + "\""), page);
        assertTrue(page.contains("srcset=\"img/" + name("img/hero-800.webp") + " 800w, img/"
                + name("img/hero-1600.webp") + " 1600w\""), page);
        assertTrue(page.contains("src=\"img/" + name("img/hero-800.jpg") + "\" srcset=\"img/"
                + name("img/hero-800.jpg") + " 800w, img/" + name("img/hero-1600.jpg") + " 1600w\""), page);
        assertTrue(page.contains("href=\"/img/" + name("img/favicon-32.png") + "\""), page);
        assertTrue(page.contains("href=\"/" + name("site.webmanifest") + "\""), page);
        assertTrue(page.contains("{ \"imports\": { \"app\": \"/js/" + name("js/app.js") + "\" } }"), page);
        assertTrue(page.contains("<use href=\"fonts/" + name("fonts/icons.svg") + "#home\">"), page);
        assertTrue(page.contains("style=\"background:url('img/" + name("img/paper.png") + "')\""), page);
        assertTrue(page.contains("href=\"#main\""), page);
        assertTrue(page.contains("<script type=\"module\" src=\"js/" + name("js/app.js") + "\">"), page);
    }

    @Test
    void bundleAndItsSourceMapPointAtEachOther() {
        assertEquals("import('./chunk.js');\n//# sourceMappingURL=" + name("js/app.js.map") + "\n", out("js/app.js"));
        assertTrue(out("js/app.js.map").contains("\"file\":\"" + name("js/app.js") + "\""));
    }

    @Test
    void webManifestIconsAndScreenshotsAreRewrittenAndStartUrlIsNot() {
        String manifest = out("site.webmanifest");
        assertTrue(manifest.contains("\"src\": \"/img/" + name("img/icon-192.png") + "\""), manifest);
        assertTrue(manifest.contains("\"src\": \"img/" + name("img/icon-512.png") + "\""), manifest);
        assertTrue(manifest.contains("\"src\": \"img/" + name("img/screen.png") + "\""), manifest);
        assertTrue(manifest.contains("\"start_url\": \"/index.html\""), manifest);
    }

    @Test
    void everyAssetIsHashedAndNoWarningIsRaised() {
        assertEquals(21, result.manifest().paths().size(), result.manifest().paths().toString());
        assertEquals(List.of(), result.warnings());
    }
}
