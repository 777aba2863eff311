package dev.zdd.deploy.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * After a switch, from the build machine through the proxy as users reach it: new requests must be answered 2xx,
 * and by the new release when the app names itself in an {@code X-Zdd-Release} header (from {@code ZDD_RELEASE}).
 */
final class PublicCheck {
    static final String RELEASE_HEADER = "X-Zdd-Release";
    /**
     * Answers in a row that must come from the new release: after a reload, nginx's old workers take new
     * connections for a moment longer, so one answer from a new worker proves little.
     */
    private static final int IN_A_ROW = 5;

    private final URI url;
    private final Duration timeout;

    PublicCheck(String url, Duration timeout) {
        this.url = URI.create(url);
        this.timeout = timeout;
    }

    /** Null once requests reach the new release, several in a row; else the last thing wrong, at the timeout. */
    String problem(String releaseId) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        String last = "no answer";
        int good = 0;
        do {
            // A new client, so a new connection, each time: an old keep-alive one may still be served by the old
            // configuration.
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                        .header("Cache-Control", "no-cache").GET().build(), HttpResponse.BodyHandlers.ofString());
                String release = response.headers().firstValue(RELEASE_HEADER).orElse(null);
                if (response.statusCode() / 100 == 2 && (release == null || release.equals(releaseId))) {
                    if (++good == IN_A_ROW) {
                        return null;
                    }
                    continue;
                }
                good = 0;
                last = "HTTP " + response.statusCode() + (release == null ? "" : " from release " + release);
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        } while (System.currentTimeMillis() < deadline);
        return url + " did not reach " + releaseId + " within " + timeout.toSeconds() + " s: " + last;
    }
}
