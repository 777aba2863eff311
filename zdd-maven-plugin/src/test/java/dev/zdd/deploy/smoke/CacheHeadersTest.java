package dev.zdd.deploy.smoke;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheHeadersTest {
    @Test
    void aHashedAssetMustBeImmutableWithALongMaxAge() {
        assertTrue(CacheHeaders.assetProblem("public, max-age=31536000, immutable").isEmpty());
        assertTrue(CacheHeaders.assetProblem("immutable, s-maxage=1, max-age=2592000").isEmpty());
        assertTrue(CacheHeaders.assetProblem("public, max-age=31536000").isPresent(), "no immutable");
        assertTrue(CacheHeaders.assetProblem("max-age=3600, immutable").isPresent(), "an hour is not for good");
        assertTrue(CacheHeaders.assetProblem("no-cache, immutable, max-age=31536000").isPresent());
        assertTrue(CacheHeaders.assetProblem(null).get().startsWith("has no Cache-Control header"));
    }

    @Test
    void aPageMustBeRevalidated() {
        assertTrue(CacheHeaders.pageProblem("no-cache").isEmpty());
        assertTrue(CacheHeaders.pageProblem("private, no-store").isEmpty());
        assertTrue(CacheHeaders.pageProblem("max-age=0, must-revalidate").isEmpty());
        assertTrue(CacheHeaders.pageProblem("public, max-age=600").isPresent());
        assertTrue(CacheHeaders.pageProblem("max-age=00").isEmpty());
        assertEquals("has Cache-Control \"max-age=60\"; a page should have \"no-cache\" so browsers revalidate it"
                + " and never keep an old release's page", CacheHeaders.pageProblem("max-age=60").get());
        assertTrue(CacheHeaders.pageProblem(null).isPresent(), "heuristic caching is not revalidation");
    }
}
