package dev.zdd.deploy.smoke;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a served response's {@code Cache-Control} must say: a hashed asset may be cached for good, a page must be
 * revalidated (a page cached by heuristics keeps pointing browsers at the old release's assets).
 */
public final class CacheHeaders {
    /** Shorter than this is not "cached for good"; the documented nginx config uses a year. */
    public static final long MIN_IMMUTABLE_MAX_AGE = 30L * 24 * 3600;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?(\\d+)");

    private CacheHeaders() {
    }

    /** @return what is wrong with a hashed asset's Cache-Control, or empty when it is cached for good */
    public static Optional<String> assetProblem(String cacheControl) {
        if (cacheControl == null) {
            return Optional.of("has no Cache-Control header; a hashed asset should have \"public, max-age=31536000,"
                    + " immutable\"");
        }
        String value = cacheControl.toLowerCase(Locale.ROOT);
        long maxAge = maxAge(value);
        if (!value.contains("immutable") || maxAge < MIN_IMMUTABLE_MAX_AGE || value.contains("no-cache")
                || value.contains("no-store")) {
            return Optional.of("has Cache-Control \"" + cacheControl + "\"; a hashed asset should have \"public,"
                    + " max-age=31536000, immutable\" (immutable and max-age of at least " + MIN_IMMUTABLE_MAX_AGE
                    + ")");
        }
        return Optional.empty();
    }

    /** @return what is wrong with a page's Cache-Control, or empty when browsers revalidate it */
    public static Optional<String> pageProblem(String cacheControl) {
        String value = cacheControl == null ? "" : cacheControl.toLowerCase(Locale.ROOT);
        if (value.contains("no-cache") || value.contains("no-store") || maxAge(value) == 0) {
            return Optional.empty();
        }
        return Optional.of((cacheControl == null ? "has no Cache-Control header" : "has Cache-Control \""
                + cacheControl + "\"") + "; a page should have \"no-cache\" so browsers revalidate it and"
                + " never keep an old release's page");
    }

    /** The max-age in seconds, or -1 when there is none. */
    private static long maxAge(String value) {
        Matcher m = MAX_AGE.matcher(value);
        if (!m.find()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
