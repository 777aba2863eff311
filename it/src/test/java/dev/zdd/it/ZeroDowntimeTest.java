package dev.zdd.it;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promise of the product, end to end: nginx serves {@code <root>/current} under continuous load while
 * deploys and rollbacks over a real sshd swap it 60 times. No request may fail, and the hashed assets of the
 * release that was live before a deploy must still load after it.
 */
class ZeroDowntimeTest {
    private static final int SWAPS = 60;
    private static final int LOAD_THREADS = 2;
    private static final Actor ACTOR = new Actor("e2e", "it", ProcessHandle.current().pid(), null, null, null);

    @TempDir
    Path work;

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void deploysAndRollbacksUnderLoadServeEveryRequest() throws Exception {
        Path root = work.resolve("www");
        Files.createDirectories(root);
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            SshTarget target = SshTarget.parse("ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port() + root);
            SshSettings settings = new SshSettings(sshd.clientKey(), null, null, sshd.knownHosts(), false, false,
                    Duration.ofSeconds(20));
            DeployLayout layout = new DeployLayout(root.toString());
            deploy(target, settings, layout, stage(0), "r000");

            try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"))) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                String logo = "/" + ManifestJson.read(root.resolve("current/.zdd/manifest.json")).paths()
                        .get("img/logo.png");
                List<String> urls = List.of("/", "/about/", "/index.html", logo);
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> load = new ArrayList<>();
                for (int t = 0; t < LOAD_THREADS; t++) {
                    Thread thread = new Thread(() -> hammer(http, nginx, urls, running), "load-" + t);
                    thread.start();
                    load.add(thread);
                }
                int swaps = 0;
                int carriedChecks = 0;
                String latest = "r000";
                try {
                    for (int i = 1; i <= SWAPS; i++) {
                        if (i % 3 == 1) {
                            // Before a deploy: the stylesheet the live pages load now.
                            String previousCss = "/" + ManifestJson.read(root.resolve("current/.zdd/manifest.json"))
                                    .paths().get("css/app.css");
                            latest = String.format("r%03d", i);
                            deploy(target, settings, layout, stage(i), latest);
                            assertEquals(200, get(http, nginx, previousCss),
                                    "the previous release's hashed CSS after deploy " + i);
                            carriedChecks++;
                        } else {
                            try (Transport transport = SshConnector.connect(target, settings, s -> { })) {
                                // Back to the previous release, then forward again by name: a release rolled
                                // back from is never chosen without one.
                                new Rollback(transport, layout, ACTOR, DeployListener.silent()).rollback(i % 3 == 2 ? null : latest,
                                        Duration.ofMinutes(5), Duration.ZERO);
                            }
                        }
                        swaps++;
                    }
                } finally {
                    running.set(false);
                    for (Thread thread : load) {
                        thread.join(10_000);
                    }
                }
                assertEquals(SWAPS, swaps);
                assertEquals(SWAPS / 3, carriedChecks);
                assertTrue(requests.get() >= 1000, "only " + requests.get() + " requests were made");
                assertEquals(List.of(), failures, failures.size() + " of " + requests.get() + " requests failed;"
                        + " nginx error log:\n" + nginx.errorLog());
                System.out.printf("zero-downtime: %d swaps, %d requests, 0 failed%n", swaps, requests.get());
            }
        }
    }

    /**
     * Requests the URLs round-robin until told to stop; anything but 200 is a failure. A millisecond's pause
     * between requests leaves the two processors to the deploys too.
     */
    private void hammer(HttpClient http, NginxServer nginx, List<String> urls, AtomicBoolean running) {
        int i = 0;
        while (running.get()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
            String url = urls.get(i++ % urls.size());
            try {
                int status = get(http, nginx, url);
                requests.incrementAndGet();
                if (status != 200) {
                    failures.add(status + " " + url);
                }
            } catch (IOException e) {
                requests.incrementAndGet();
                failures.add(e + " " + url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int get(HttpClient http, NginxServer nginx, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(nginx.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void deploy(SshTarget target, SshSettings settings, DeployLayout layout, StagedRelease staged, String id)
            throws Exception {
        try (Transport transport = SshConnector.connect(target, settings, s -> { })) {
            new Deployer(transport, layout, ACTOR, DeployListener.silent()).deploy(staged, new DeployOptions(id, 5, 2,
                    Duration.ofMinutes(5), Duration.ZERO, false));
        }
    }

    /** Version {@code n} of a small site: the stylesheet changes every time, the logo never. */
    private StagedRelease stage(int n) throws Exception {
        Path site = work.resolve("site-" + n);
        write(site.resolve("index.html"), "<!doctype html><link rel=stylesheet href=css/app.css>"
                + "<img src=img/logo.png><script src=js/app.js></script><p>version " + n);
        write(site.resolve("about/index.html"), "<!doctype html><link rel=stylesheet href=../css/app.css><p>about");
        write(site.resolve("css/app.css"), "body{background:url(../img/logo.png)} /* version " + n + " */");
        write(site.resolve("js/app.js"), "console.log(" + n + ");");
        write(site.resolve("img/logo.png"), "logo");
        Path out = work.resolve("staged-" + n);
        new AssetHasher(HasherConfig.builder(site, out).build()).run();
        return StagedRelease.read(out);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
