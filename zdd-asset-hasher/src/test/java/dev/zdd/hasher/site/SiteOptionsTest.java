package dev.zdd.hasher.site;

import dev.zdd.hasher.HasherConfig;
import dev.zdd.hasher.check.CheckConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"docs", "/docs", "docs/", "/docs/"})
    void aBasePathAlwaysNamesAFolderFromTheRoot(String written) {
        assertEquals("/docs/", SiteOptions.defaults().withBasePath(written).basePath());
    }

    @Test
    void hashAndCheckSeeTheSameSiteForTheSameSettings() {
        HasherConfig hash = HasherConfig.builder(Path.of("site"), Path.of("out")).basePath("/docs")
                .siteOrigins(List.of("https://example.com")).webManifests(List.of("app.json")).build();
        CheckConfig check = CheckConfig.builder(Path.of("site")).basePath("/docs")
                .siteOrigins(List.of("https://example.com")).webManifests(List.of("app.json")).build();
        assertEquals(hash.site(), check.site());
        assertEquals("/docs/", check.basePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/docs?x=1", "/docs#top", "/a//b/", "/a/../b/", "/./", "/my docs/",
            "\\docs\\"})
    void aBasePathThatIsNotAPlainUrlPathIsRefusedWithItsName(String written) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withBasePath(written));
        assertTrue(e.getMessage().startsWith("basePath "), e.getMessage());
        assertTrue(e.getMessage().contains("'" + written + "'"), e.getMessage());
    }

    @Test
    void originsIndexFilesAndGlobsAreCheckedWhereTheyAreSet() {
        SiteOptions site = SiteOptions.defaults();
        assertEquals(List.of("https://example.com/"),
                site.withSiteOrigins(List.of("https://example.com/")).siteOrigins());
        IllegalArgumentException origin = assertThrows(IllegalArgumentException.class,
                () -> site.withSiteOrigins(List.of("https://example.com/blog")));
        assertTrue(origin.getMessage().startsWith("siteOrigins: "), origin.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> site.withIndexFiles(List.of()));
        assertTrue(none.getMessage().startsWith("indexFiles "), none.getMessage());
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
                () -> site.withIndexFiles(List.of("docs/index.html")));
        assertTrue(folder.getMessage().contains("'docs/index.html'"), folder.getMessage());
        assertThrows(IllegalArgumentException.class, () -> site.withIgnores(List.of("a/{b")));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SiteOptions site = SiteOptions.defaults();
        assertEquals("/", site.basePath());
        assertEquals(List.of("index.html"), site.indexFiles());
        assertEquals(List.of(), site.siteOrigins());
        assertTrue(site.ignores().contains(".zdd/**"), site.ignores().toString());
        assertEquals(List.of("**/*.webmanifest", "**/manifest.json"), site.webManifests());
    }
}
