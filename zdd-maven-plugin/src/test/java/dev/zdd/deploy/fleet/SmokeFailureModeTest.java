package dev.zdd.deploy.fleet;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.RecordingListener;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.SymlinkPublisher;
import dev.zdd.deploy.smoke.SiteSmokeCheck;
import dev.zdd.deploy.smoke.SmokeSettings;
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.testing.NginxServer;
import dev.zdd.hasher.site.SiteOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a failed smoke check does, by zdd.smokeFailure, and after a rollback: two local deploy roots, each behind a
 * real nginx, the second rooted at a fixed folder that never follows {@code current} (a stale copy).
 */
class SmokeFailureModeTest {
    static final Actor ACTOR = new Actor("tester", "testhost", 1, null, null, null);

    @TempDir
    Path work;
    final List<NginxServer> nginxes = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        nginxes.forEach(NginxServer::close);
        executor.shutdownNow();
    }

    StagedRelease site(String text) throws Exception {
        Path site = work.resolve("site-" + text);
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<link rel=stylesheet href=a.css><p>" + text);
        Files.writeString(site.resolve("a.css"), "p{color:red}");
        new AssetHasher(HasherConfig.builder(site, work.resolve("staged-" + text)).build()).run();
        return StagedRelease.read(work.resolve("staged-" + text));
    }

    List<FleetHost> hosts() throws Exception {
        List<FleetHost> hosts = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            Path root = work.resolve(name);
            Files.createDirectories(root);
            LocalTransport transport = new LocalTransport(root.toString());
            DeployLayout layout = new DeployLayout(root.toString());
            hosts.add(new FleetHost(name, transport, layout, new SymlinkPublisher(transport, layout),
                    DeployListener.silent()));
        }
        return hosts;
    }

    SiteSmokeCheck check() {
        return new SiteSmokeCheck(new SmokeSettings(nginxes.stream().map(n -> URI.create(n.url("/"))).toList(), true,
                true, Duration.ofMillis(500), SiteOptions.defaults()));
    }

    FleetDeploy.Result deploy(StagedRelease staged, String id, AfterSwitchCheck.OnFailure onFailure)
            throws Exception {
        return new FleetDeploy(hosts(), ACTOR, executor, nginxes.isEmpty() ? null : check(), onFailure, log::add)
                .deploy(StagedRelease.Reading.of(staged), new DeployOptions(id, 5, 2, Duration.ofMinutes(1),
                        Duration.ZERO, false));
    }

    void startNginxes() throws Exception {
        startNginxes("r1");
    }

    /** b's server is rooted at a copy of release {@code staleAt}: it never follows a switch. */
    void startNginxes(String staleAt) throws Exception {
        nginxes.add(NginxServer.start(work.resolve("nginx-a"), work.resolve("a/current")));
        Path stale = work.resolve("stale");
        Files.createDirectories(stale);
        try (var files = Files.list(work.resolve("b/releases/" + staleAt))) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, stale.resolve(file.getFileName().toString()));
                }
            }
        }
        nginxes.add(NginxServer.start(work.resolve("nginx-b"), stale));
    }

    String current(String host) throws Exception {
        return Files.readSymbolicLink(work.resolve(host + "/current")).toString();
    }

    @Test
    void warnKeepsTheNewReleaseLiveAndSaysWhichHostFailed() throws Exception {
        deploy(site("one"), "r1", AfterSwitchCheck.OnFailure.ROLLBACK);
        startNginxes();
        deploy(site("two"), "r2", AfterSwitchCheck.OnFailure.WARN);
        assertEquals("releases/r2", current("a"));
        assertEquals("releases/r2", current("b"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("zdd: WARNING: smoke check failed after the switch to r2")
                && l.contains("b: ") && l.contains("that are not release r2's index.html")
                && l.contains("zdd.smokeFailure=warn")), log.toString());
    }

    @Test
    void rollbackPutsEveryHostBackAndNamesWhatEachServes() throws Exception {
        deploy(site("one"), "r1", AfterSwitchCheck.OnFailure.ROLLBACK);
        startNginxes();
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy(site("two"), "r2",
                AfterSwitchCheck.OnFailure.ROLLBACK));
        assertEquals("switched back; serves r1", failure.serving().get("a"), failure.getMessage());
        assertEquals("switched back; serves r1", failure.serving().get("b"), failure.getMessage());
        assertEquals("releases/r1", current("a"));
        assertEquals("releases/r1", current("b"));
    }

    @Test
    void aRollbackIsCheckedOnEveryHostAndAHostServingOtherBytesFailsItWithoutUndoingIt() throws Exception {
        deploy(site("one"), "r1", AfterSwitchCheck.OnFailure.ROLLBACK);
        deploy(site("two"), "r2", AfterSwitchCheck.OnFailure.ROLLBACK);
        startNginxes("r2");
        DeployException failure = assertThrows(DeployException.class, () -> new FleetRollback(hosts(), ACTOR,
                executor, null, check()).rollback(null, Duration.ofMinutes(1), Duration.ZERO));
        assertTrue(failure.getMessage().startsWith("zdd: r1 is live again, but the smoke check failed")
                && failure.getMessage().contains("\n  b: ") && !failure.getMessage().contains("\n  a: ")
                && failure.getMessage().contains("that are not release r1's index.html")
                && failure.getMessage().contains("the rollback stands"), failure.getMessage());
        assertEquals("releases/r1", current("a"));
        assertEquals("releases/r1", current("b"));
    }

    @Test
    void aRollbackOfOneHostPassesItsCheckWhenTheServerFollowsCurrent() throws Exception {
        deploy(site("one"), "r1", AfterSwitchCheck.OnFailure.ROLLBACK);
        deploy(site("two"), "r2", AfterSwitchCheck.OnFailure.ROLLBACK);
        nginxes.add(NginxServer.start(work.resolve("nginx-a"), work.resolve("a/current")));
        RecordingListener said = new RecordingListener();
        FleetHost a = hosts().get(0);
        FleetHost recorded = new FleetHost(a.name(), a.transport(), a.layout(), a.publisher(), said);
        assertEquals("r1", new FleetRollback(List.of(recorded), ACTOR, executor, null, check())
                .rollback(null, Duration.ofMinutes(1), Duration.ZERO));
        assertEquals(List.of("zdd: smoke check passed on a"), said.lines.stream().filter(l -> l.contains("smoke")).toList());
        assertEquals("releases/r1", current("a"));
    }
}
