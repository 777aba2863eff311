package dev.zdd.plugin;

import dev.zdd.hasher.site.SiteOptions;

import java.util.List;

/**
 * The site options of one goal's parameters. zdd:hash, zdd:check and zdd:deploy each declare the parameters they
 * use (a parameter shows only on the goals that read it), and all build the shared value here, so the three read
 * {@code zdd.basePath} and the rest the same way.
 */
final class SiteParameters {
    private SiteParameters() {
    }

    /**
     * A list that is null (the goal has no such parameter) or empty (Maven's form of "not set") keeps the default.
     *
     * @throws IllegalArgumentException naming the parameter whose value is not valid
     */
    static SiteOptions options(String basePath, List<String> siteOrigins, List<String> indexFiles,
                               List<String> ignores, List<String> webManifests) {
        SiteOptions site = SiteOptions.defaults();
        if (basePath != null) {
            site = site.withBasePath(basePath);
        }
        if (present(siteOrigins)) {
            site = site.withSiteOrigins(siteOrigins);
        }
        if (present(indexFiles)) {
            site = site.withIndexFiles(indexFiles);
        }
        if (present(ignores)) {
            site = site.withIgnores(ignores);
        }
        if (present(webManifests)) {
            site = site.withWebManifests(webManifests);
        }
        return site;
    }

    static boolean present(List<String> list) {
        return list != null && !list.isEmpty();
    }
}
