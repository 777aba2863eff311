package dev.zdd.deploy.smoke;

import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.hasher.naming.ContentDigest;
import dev.zdd.hasher.site.UrlResolver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After the switch, asks each host itself for a page of the new release and proves it is the release's file, byte
 * for byte (its SHA-256 is in the manifest): a stale cache or a server still rooted at an old copy answers 200 with
 * the wrong bytes. Also fetches one hashed asset and checks what {@code Cache-Control} the server really sends.
 * Retried until the timeout, so a server that takes a moment to follow the switch passes.
 */
public final class SiteSmokeCheck implements AfterSwitchCheck {
    private final SmokeSettings settings;
    private final HttpClient client;
    private final UrlResolver resolver;

    public SiteSmokeCheck(SmokeSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout()).build();
        this.resolver = new UrlResolver(settings.site().basePath(), List.of());
    }

    @Override
    public void verify(int index, FleetHost host, Manifest manifest, String releaseId)
            throws IOException, SmokeCheckFailed {
        URI url = settings.urls().get(index);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        String problem;
        while (true) {
            problem = problem(url, manifest, releaseId);
            if (problem == null || System.nanoTime() > deadline) {
                break;
            }
            pause();
        }
        if (problem != null) {
            throw new SmokeCheckFailed(problem + " (for " + settings.timeout().toSeconds() + " s)");
        }
    }

    /** @return null when the host serves the release as it should, else what it does instead */
    private String problem(URI url, Manifest manifest, String releaseId) throws IOException {
        HttpResponse<byte[]> page;
        try {
            page = get(url);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            return url + " did not answer: " + e;
        }
        if (page.statusCode() / 100 != 2) {
            return url + " answered HTTP " + page.statusCode();
        }
        if (settings.compareBytes()) {
            String file = fileFor(url, manifest);
            if (file == null) {
                return url + " maps to no file of release " + releaseId + " (base path " + resolver.basePath()
                        + "); give a page's URL in zdd.smokeUrls, or set zdd.smokeCompare=status";
            }
            String served = ContentDigest.sha256(page.body());
            String expected = manifest.files().get(file).sha256();
            if (!served.equals(expected)) {
                return url + " served " + page.body().length + " bytes that are not release " + releaseId
                        + "'s " + file + " (SHA-256 " + served.substring(0, 12) + "…, expected "
                        + expected.substring(0, 12) + "…): a cache or a server root that does not follow"
                        + " current";
            }
        }
        if (settings.cacheHeaders()) {
            Optional<String> pageProblem = CacheHeaders.pageProblem(page.headers().firstValue("Cache-Control")
                    .orElse(null));
            if (pageProblem.isPresent()) {
                return url + " " + pageProblem.get();
            }
            return assetProblem(url, manifest, releaseId);
        }
        return null;
    }

    /** The smallest hashed asset of the release, fetched from the same host. */
    private String assetProblem(URI page, Manifest manifest, String releaseId) throws IOException {
        Map<String, ManifestEntry> files = manifest.files();
        Optional<String> asset = manifest.paths().values().stream().filter(files::containsKey)
                .min(Comparator.comparingLong((String path) -> files.get(path).size()).thenComparing(p -> p));
        if (asset.isEmpty()) {
            return null;
        }
        URI url;
        try {
            // The multi-argument constructor percent-encodes what a path may not hold as it is.
            url = new URI(page.getScheme(), page.getAuthority(), resolver.basePath() + asset.get(), null, null);
        } catch (URISyntaxException e) {
            return "cannot form the URL of " + asset.get() + " on " + page + ": " + e.getMessage();
        }
        HttpResponse<byte[]> response;
        try {
            response = get(url);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            return url + " did not answer: " + e;
        }
        if (response.statusCode() / 100 != 2) {
            return url + " (a hashed asset of release " + releaseId + ") answered HTTP " + response.statusCode();
        }
        if (settings.compareBytes() && !ContentDigest.sha256(response.body())
                .equals(files.get(asset.get()).sha256())) {
            return url + " served bytes that are not release " + releaseId + "'s " + asset.get();
        }
        return CacheHeaders.assetProblem(response.headers().firstValue("Cache-Control").orElse(null))
                .map(p -> url + " " + p).orElse(null);
    }

    /** The release file a URL is served from, with index files for folders; null when none. */
    private String fileFor(URI url, Manifest manifest) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        UrlResolver.Target target = resolver.resolve("index.html", path);
        if (target.kind() != UrlResolver.Target.Kind.LOCAL) {
            return null;
        }
        Map<String, ManifestEntry> files = manifest.files();
        if (!target.directory() && files.containsKey(target.path())) {
            return target.path();
        }
        for (String index : settings.site().indexFiles()) {
            String candidate = target.path().isEmpty() ? index : target.path() + "/" + index;
            if (files.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private HttpResponse<byte[]> get(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Cache-Control", "no-cache").GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking " + url);
        }
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between smoke checks");
        }
    }
}
