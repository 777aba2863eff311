package dev.zdd.deploy.smoke;

import dev.zdd.hasher.site.SiteOptions;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The smoke checks of a deploy.
 *
 * @param urls          one URL per host, in the targets' order, that reaches that host itself
 * @param compareBytes  whether a page's bytes must equal the release's file (false: status only)
 * @param cacheHeaders  whether Cache-Control is checked: pages revalidated, a hashed asset immutable
 * @param timeout       how long a host may take to answer as expected (retried until then)
 * @param site          the base path a URL's path maps under, and the index files a folder URL is served from, as
 *                      {@code zdd:check} resolves them
 */
public record SmokeSettings(List<URI> urls, boolean compareBytes, boolean cacheHeaders, Duration timeout,
                            SiteOptions site) {
    public SmokeSettings {
        urls = List.copyOf(urls);
    }
}
