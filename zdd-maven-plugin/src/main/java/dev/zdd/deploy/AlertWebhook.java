package dev.zdd.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Tells a chat channel that a deploy failed: a Slack-compatible {@code {"text": ...}} POST. */
public final class AlertWebhook {
    private final URI url;

    public AlertWebhook(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
            throw new IllegalArgumentException("alertWebhook must be an http(s) URL, was '" + url + "'");
        }
        this.url = uri;
    }

    /** The message for a failed deploy or rollback. */
    public static String failure(String action, String target, String release, DeployException e) {
        return "zdd " + action + (release == null ? "" : " of " + release) + " to " + target + " failed at "
                + e.stage().id() + ": " + e.getMessage()
                + (e.stage().compareTo(Stage.PUBLISHED) < 0 ? " (the live release is unchanged)" : "");
    }

    /** Posts {@code text}; returns the HTTP status. */
    public int send(String text) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FlatJson.write(Map.of("text", text))))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the alert webhook", e);
        }
    }
}
