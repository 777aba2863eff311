package dev.zdd.deploy.smoke;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.testing.NginxServer;
import dev.zdd.hasher.site.SiteOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smoke check against a real nginx serving a real deploy root. */
class SiteSmokeCheckTest {
    static final DeployListener QUIET = DeployListener.silent();

    @TempDir
    Path work;
    Path root;
    StagedRelease staged;
    FleetHost host;

    @BeforeEach
    void deploy() throws Exception {
        Path site = work.resolve("site");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("index.html"), "<link rel=stylesheet href=a.css><p>home");
        Files.writeString(site.resolve("docs/index.html"), "<p>docs");
        Files.writeString(site.resolve("a.css"), "p{color:red}");
        new AssetHasher(HasherConfig.builder(site, work.resolve("staged")).build()).run();
        staged = StagedRelease.read(work.resolve("staged"));
        root = work.resolve("www");
        Files.createDirectories(root);
        LocalTransport transport = new LocalTransport(root.toString());
        DeployLayout layout = new DeployLayout(root.toString());
        new Deployer(transport, layout, new Actor("t", "h", 1, null, null, null), QUIET).deploy(staged,
                new DeployOptions("r1", 5, 2, Duration.ofMinutes(1), Duration.ZERO, false));
        host = new FleetHost(root.toString(), transport, layout, null, QUIET);
    }

    SiteSmokeCheck check(NginxServer nginx, String path, boolean bytes, boolean headers) {
        return new SiteSmokeCheck(new SmokeSettings(List.of(URI.create(nginx.url(path))), bytes, headers,
                Duration.ofMillis(300), SiteOptions.defaults()));
    }

    @Test
    void theDocumentedConfigPassesForPagesAndFolders() throws Exception {
        try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"))) {
            check(nginx, "/", true, true).verify(0, host, staged.manifest(), "r1");
            check(nginx, "/docs/", true, true).verify(0, host, staged.manifest(), "r1");
        }
    }

    @Test
    void aServerWithoutCacheHeadersFailsWithWhatItShouldSend() {
        try (NginxServer nginx = NginxServer.startWithoutCacheHeaders(work.resolve("nginx"), root.resolve("current"))) {
            AfterSwitchCheck.SmokeCheckFailed page = assertThrows(AfterSwitchCheck.SmokeCheckFailed.class,
                    () -> check(nginx, "/", true, true).verify(0, host, staged.manifest(), "r1"));
            assertTrue(page.getMessage().contains("has no Cache-Control header; a page should have \"no-cache\""),
                    page.getMessage());
        }
    }

    @Test
    void aWrongPageOrAMissingOneIsNamed() throws Exception {
        try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"))) {
            Files.writeString(root.resolve("current/docs/index.html"), "<p>edited on the server");
            AfterSwitchCheck.SmokeCheckFailed edited = assertThrows(AfterSwitchCheck.SmokeCheckFailed.class,
                    () -> check(nginx, "/docs/", true, false).verify(0, host, staged.manifest(), "r1"));
            assertTrue(edited.getMessage().contains("that are not release r1's docs/index.html"), edited.getMessage());
            // Comparing the status only accepts a page the server rewrote.
            check(nginx, "/docs/", false, false).verify(0, host, staged.manifest(), "r1");
            AfterSwitchCheck.SmokeCheckFailed missing = assertThrows(AfterSwitchCheck.SmokeCheckFailed.class,
                    () -> check(nginx, "/nope.html", true, false).verify(0, host, staged.manifest(), "r1"));
            assertTrue(missing.getMessage().contains("answered HTTP 404"), missing.getMessage());
        }
    }
}
