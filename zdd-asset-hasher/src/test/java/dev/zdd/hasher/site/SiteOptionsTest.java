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
    void aBasePathIsTheDecodedPathSoItMayHoldSpaces() {
        assertEquals("/my docs/", SiteOptions.defaults().withBasePath("/my docs").basePath());
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
    @ValueSource(strings = {"", " ", " /docs/", "/docs/ ", "/docs?x=1", "/docs#top", "/a//b/", "/a/../b/", "/./",
            "\\docs\\"})
    void aBasePathThatIsNotAPlainUrlPathIsRefusedWithItsName(String written) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withBasePath(written));
        assertTrue(e.getMessage().startsWith("basePath "), e.getMessage());
        assertTrue(e.getMessage().contains("'" + written + "'"), e.getMessage());
    }

    @Test
    void aSiteOriginIsSchemeAndHostOnly() {
        assertEquals(List.of("https://example.com/"),
                SiteOptions.defaults().withSiteOrigins(List.of("https://example.com/")).siteOrigins());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withSiteOrigins(List.of("https://example.com/blog")));
        assertEquals("siteOrigins: a site origin is scheme and host, like https://example.com; was"
                + " 'https://example.com/blog'", e.getMessage());
    }

    @Test
    void indexFilesNeedsAtLeastOneName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withIndexFiles(List.of()));
        assertTrue(e.getMessage().startsWith("indexFiles needs at least one name"), e.getMessage());
    }

    @Test
    void anIndexFileIsANameNotAPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withIndexFiles(List.of("docs/index.html")));
        assertTrue(e.getMessage().startsWith("indexFiles holds 'docs/index.html'"), e.getMessage());
    }

    @Test
    void aBadGlobIsReportedWithTheOptionItCameFrom() {
        IllegalArgumentException ignores = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withIgnores(List.of("a/{b")));
        assertTrue(ignores.getMessage().startsWith("ignores: unbalanced '{'"), ignores.getMessage());
        IllegalArgumentException manifests = assertThrows(IllegalArgumentException.class,
                () -> SiteOptions.defaults().withWebManifests(List.of("a}.json")));
        assertTrue(manifests.getMessage().startsWith("webManifests: unbalanced '}'"), manifests.getMessage());
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
