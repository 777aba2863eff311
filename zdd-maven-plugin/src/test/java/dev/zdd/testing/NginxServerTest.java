package dev.zdd.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The nginx fixture serves a deploy root the way the README configures it. */
class NginxServerTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Path deployRoot;
    private NginxServer nginx;

    @BeforeEach
    void start() throws IOException {
        deployRoot = dir.resolve("www");
        write("releases/a/index.html", "release a");
        write("releases/a/app.1a2b3c4d.css", "body{}");
        write("releases/a/.zdd/manifest.json", "{}");
        write("releases/b/index.html", "release b");
        // Relative, as zdd makes it, so the deploy root can move.
        Files.createSymbolicLink(deployRoot.resolve("current"), Path.of("releases/a"));
        nginx = NginxServer.start(dir.resolve("nginx"), deployRoot.resolve("current"));
    }

    @AfterEach
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void pagesAreRevalidated() throws Exception {
        HttpResponse<String> page = get("/index.html");
        assertEquals(200, page.statusCode(), nginx::errorLog);
        assertEquals("release a", page.body());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("release a", get("/").body());
    }

    @Test
    void hashedAssetsAreImmutable() throws Exception {
        HttpResponse<String> css = get("/app.1a2b3c4d.css");
        assertEquals(200, css.statusCode(), nginx::errorLog);
        assertEquals("body{}", css.body());
        assertEquals("public, max-age=31536000, immutable", css.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("text/css", css.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void zddFilesAreHidden() throws Exception {
        assertEquals(404, get("/.zdd/manifest.json").statusCode());
    }

    @Test
    void followsTheSwappedLinkOnTheNextRequest() throws Exception {
        assertEquals("release a", get("/index.html").body());
        Path tmp = Files.createSymbolicLink(deployRoot.resolve("current.tmp"), Path.of("releases/b"));
        Files.move(tmp, deployRoot.resolve("current"), ATOMIC_MOVE, REPLACE_EXISTING);
        assertEquals("release b", get("/index.html").body());
        assertEquals(404, get("/app.1a2b3c4d.css").statusCode());
    }

    @Test
    void closeStopsServing() {
        nginx.close();
        assertThrows(ConnectException.class, () -> get("/index.html"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nginx.url(path))).timeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void write(String path, String content) throws IOException {
        Path file = deployRoot.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
