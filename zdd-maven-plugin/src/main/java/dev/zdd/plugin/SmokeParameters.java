package dev.zdd.plugin;

import dev.zdd.deploy.DurationText;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.smoke.SiteSmokeCheck;
import dev.zdd.deploy.smoke.SmokeSettings;
import org.apache.maven.plugin.MojoFailureException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The smoke check of one goal's parameters. zdd:deploy and zdd:rollback each declare the {@code zdd.smoke*}
 * parameters (a parameter shows only on the goals that read it) and both build the check here, so both read them
 * the same way and refuse the same values before any target is touched.
 */
final class SmokeParameters {
    private SmokeParameters() {
    }

    /** @return null when no smoke URLs are set */
    static AfterSwitchCheck check(String goal, List<String> smokeUrls, String smokeTimeout, String smokeCompare,
                                  boolean smokeCacheHeaders, String basePath, List<String> indexFiles, int targets)
            throws MojoFailureException {
        if (!SiteParameters.present(smokeUrls)) {
            return null;
        }
        List<URI> urls = new ArrayList<>();
        for (String url : smokeUrls) {
            try {
                URI uri = URI.create(url.strip());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL with a host");
                }
                urls.add(uri);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(goal + ": zdd.smokeUrls holds '" + url + "': " + e.getMessage());
            }
        }
        if (urls.size() != targets) {
            throw new MojoFailureException(goal + ": zdd.smokeUrls lists " + urls.size() + " URL(s) for " + targets
                    + " target(s); give one URL per target, in the targets' order, that reaches that host itself");
        }
        boolean bytes = switch (smokeCompare.strip().toLowerCase(Locale.ROOT)) {
            case "bytes" -> true;
            case "status" -> false;
            default -> throw new MojoFailureException(goal + ": zdd.smokeCompare must be bytes or status, was '"
                    + smokeCompare + "'");
        };
        try {
            return new SiteSmokeCheck(new SmokeSettings(urls, bytes, smokeCacheHeaders,
                    DurationText.parse(smokeTimeout, "zdd.smokeTimeout"),
                    SiteParameters.options(basePath, null, indexFiles, null, null)));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(goal + ": " + e.getMessage(), e);
        }
    }
}
