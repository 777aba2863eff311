package dev.zdd.hasher.site;

import java.util.List;

/**
 * How a site is laid out and served: what {@code hash}, {@code check} and the deploy's smoke check must agree on,
 * so that a URL the check accepts is the URL the hash rewrote and the smoke check fetches. Validated and
 * normalized here once; every other class takes the values as given.
 *
 * @param basePath     the URL path the site is served under, always with a leading and a trailing slash
 * @param siteOrigins  absolute URL prefixes that mean this site ({@code https://example.com})
 * @param indexFiles   the files a folder URL such as {@code docs/} is served from, tried in order
 * @param ignores      globs of files left out of the release (and so out of the check)
 * @param webManifests globs of JSON files read as web app manifests
 */
public record SiteOptions(String basePath, List<String> siteOrigins, List<String> indexFiles, List<String> ignores,
                          List<String> webManifests) {
    /** Files that never belong in a release: editor and VCS droppings, and zdd's own folder. */
    public static final List<String> DEFAULT_IGNORES = List.of(
            "**/.DS_Store", "**/Thumbs.db", "**/.git/**", "**/.svn/**", ".zdd/**");
    public static final List<String> DEFAULT_WEB_MANIFESTS = List.of("**/*.webmanifest", "**/manifest.json");
    public static final List<String> DEFAULT_INDEX_FILES = List.of("index.html");

    private static final SiteOptions DEFAULTS = new SiteOptions("/", List.of(), DEFAULT_INDEX_FILES,
            DEFAULT_IGNORES, DEFAULT_WEB_MANIFESTS);

    /**
     * @throws IllegalArgumentException naming the option, for a base path that is not a URL path, an origin that is
     *                                  not scheme and host, or no index file
     */
    public SiteOptions {
        basePath = normalizedBasePath(basePath);
        for (String origin : siteOrigins) {
            if (origin == null || !origin.matches("(?i)https?://[^/?#\\s]+/?")) {
                throw new IllegalArgumentException("siteOrigins: a site origin is scheme and host, like"
                        + " https://example.com; was '" + origin + "'");
            }
        }
        siteOrigins = List.copyOf(siteOrigins);
        if (indexFiles.isEmpty()) {
            throw new IllegalArgumentException("indexFiles needs at least one name, such as index.html");
        }
        for (String name : indexFiles) {
            if (name == null || name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("indexFiles holds '" + name + "'; give file names such as"
                        + " index.html, without folders");
            }
        }
        indexFiles = List.copyOf(indexFiles);
        ignores = List.copyOf(ignores);
        webManifests = List.copyOf(webManifests);
        checkGlobs("ignores", ignores);
        checkGlobs("webManifests", webManifests);
    }

    private static void checkGlobs(String option, List<String> globs) {
        try {
            Glob.all(globs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** A site served from {@code /} with the default ignores, web manifests and {@code index.html}. */
    public static SiteOptions defaults() {
        return DEFAULTS;
    }

    public SiteOptions withBasePath(String path) {
        return new SiteOptions(path, siteOrigins, indexFiles, ignores, webManifests);
    }

    public SiteOptions withSiteOrigins(List<String> origins) {
        return new SiteOptions(basePath, origins, indexFiles, ignores, webManifests);
    }

    public SiteOptions withIndexFiles(List<String> names) {
        return new SiteOptions(basePath, siteOrigins, names, ignores, webManifests);
    }

    public SiteOptions withIgnores(List<String> globs) {
        return new SiteOptions(basePath, siteOrigins, indexFiles, globs, webManifests);
    }

    public SiteOptions withWebManifests(List<String> globs) {
        return new SiteOptions(basePath, siteOrigins, indexFiles, ignores, globs);
    }

    /** {@code docs} and {@code /docs} mean {@code /docs/}: a base path names a folder. */
    static String normalizedBasePath(String path) {
        // Compared with decoded URL paths, so "/my docs/" is how a site under /my%20docs/ is named.
        if (path == null || path.isBlank() || !path.strip().equals(path) || path.contains("?") || path.contains("#")
                || path.contains("\\")) {
            throw new IllegalArgumentException("basePath must be a URL path such as / or /docs/, was '" + path + "'");
        }
        String base = path.startsWith("/") ? path : "/" + path;
        base = base.endsWith("/") ? base : base + "/";
        if (base.contains("//") || base.contains("/../") || base.contains("/./")) {
            throw new IllegalArgumentException("basePath must be a plain URL path such as /docs/, without empty,"
                    + " . or .. segments; was '" + path + "'");
        }
        return base;
    }
}
