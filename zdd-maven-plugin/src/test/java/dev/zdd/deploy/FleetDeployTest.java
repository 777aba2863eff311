package dev.zdd.deploy;

import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.fleet.FleetDeploy;
import dev.zdd.deploy.fleet.FleetFailure;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.deploy.fleet.FleetRollback;
import dev.zdd.deploy.smoke.SiteSmokeCheck;
import dev.zdd.deploy.smoke.SmokeSettings;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.site.SiteOptions;
import dev.zdd.testing.CuttingProxy;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.OpenSshServer;
import dev.zdd.testing.StageHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet of three hosts, each a real OpenSSH sshd with its own deploy root served by its own real nginx: all
 * switch or none, whatever fails where.
 */
class FleetDeployTest {
    static final Actor ACTOR = new Actor("tester", "testhost", ProcessHandle.current().pid(), "abc1234def", "1.0",
            null);
    static final int HOSTS = 3;
    static final List<OpenSshServer> sshds = new ArrayList<>();
    @TempDir
    static Path shared;

    @TempDir
    Path work;
    Sites sites;
    final List<Path> roots = new ArrayList<>();
    final List<NginxServer> nginxes = new ArrayList<>();
    final List<Transport> open = new ArrayList<>();
    final List<RecordingListener> listeners = new ArrayList<>();
    final List<String> fleetLog = new ArrayList<>();
    ExecutorService executor;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSshds() {
        for (int i = 0; i < HOSTS; i++) {
            sshds.add(OpenSshServer.start(shared.resolve("sshd-" + i)));
        }
    }

    @AfterAll
    static void stopSshds() {
        sshds.forEach(OpenSshServer::close);
    }

    @BeforeEach
    void startNginxes() throws IOException {
        sites = new Sites(work);
        executor = Executors.newFixedThreadPool(HOSTS);
        for (int i = 0; i < HOSTS; i++) {
            Path root = work.resolve("host-" + i);
            Files.createDirectories(root);
            roots.add(root);
            nginxes.add(NginxServer.start(work.resolve("nginx-" + i), root.resolve("current")));
        }
    }

    @AfterEach
    void stop() {
        nginxes.forEach(NginxServer::close);
        executor.shutdownNow();
        closeAll();
    }

    private void closeAll() {
        for (Transport transport : open) {
            try {
                transport.close();
            } catch (Exception e) {
                // The test's assertions matter, not a close after a cut connection.
            }
        }
        open.clear();
    }

    static SshSettings settings(OpenSshServer sshd, Path knownHosts) {
        return new SshSettings(sshd.clientKey(), null, null, knownHosts, false, false, Duration.ofSeconds(10));
    }

    FleetHost host(int i) throws IOException {
        OpenSshServer sshd = sshds.get(i);
        return host(i, sshd.port(), sshd.knownHosts());
    }

    FleetHost host(int i, int port, Path knownHosts) throws IOException {
        RecordingListener listener = new RecordingListener();
        listeners.add(listener);
        return host(i, port, knownHosts, listener);
    }

    FleetHost host(int i, int port, Path knownHosts, DeployListener listener) throws IOException {
        OpenSshServer sshd = sshds.get(i);
        String name = "ssh://" + sshd.user() + "@127.0.0.1:" + port + roots.get(i);
        Transport transport = SshConnector.connect(SshTarget.parse(name), settings(sshd, knownHosts), line -> { });
        open.add(transport);
        DeployLayout layout = new DeployLayout(roots.get(i).toString());
        return new FleetHost(name, transport, layout, new SymlinkPublisher(transport, layout), listener);
    }

    List<FleetHost> fleet() throws IOException {
        List<FleetHost> hosts = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            hosts.add(host(i));
        }
        return hosts;
    }

    FleetDeploy.Result deploy(List<FleetHost> hosts, StagedRelease staged, String id, AfterSwitchCheck check)
            throws Exception {
        return new FleetDeploy(hosts, ACTOR, executor, check, AfterSwitchCheck.OnFailure.ROLLBACK, fleetLog::add)
                .deploy(StagedRelease.Reading.of(staged), options(id));
    }

    static DeployOptions options(String id) {
        return new DeployOptions(id, 5, 2, Duration.ofSeconds(1), Duration.ZERO, false);
    }

    SiteSmokeCheck smoke() {
        List<URI> urls = nginxes.stream().map(n -> URI.create(n.url("/"))).toList();
        return new SiteSmokeCheck(new SmokeSettings(urls, true, true, Duration.ofSeconds(2), SiteOptions.defaults()));
    }

    String current(int i) throws IOException {
        return Files.readSymbolicLink(roots.get(i).resolve("current")).toString();
    }

    /** What each host's nginx serves at / now. */
    List<String> served() throws Exception {
        List<String> pages = new ArrayList<>();
        for (NginxServer nginx : nginxes) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(nginx.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), nginx.url("/"));
            pages.add(page.body());
        }
        return pages;
    }

    static StagedRelease page(Sites sites, String text) {
        return sites.stage(Map.of("index.html", "<link rel=stylesheet href=a.css><p>" + text,
                "a.css", "p{color:red} /* " + text + " */"));
    }

    static boolean allServe(List<String> pages, String text) {
        return pages.stream().allMatch(p -> p.contains("<p>" + text));
    }

    @Test
    void everyHostSwitchesToTheSameReleaseAndPassesItsSmokeCheck() throws Exception {
        deploy(fleet(), page(sites, "one"), "r1", smoke());
        closeAll();
        FleetDeploy.Result result = deploy(fleet(), page(sites, "two"), "r2", smoke());
        for (int i = 0; i < HOSTS; i++) {
            assertEquals("releases/r2", current(i));
        }
        assertTrue(allServe(served(), "two"), served().toString());
        assertEquals(HOSTS, result.switchedAtNanos().size());
        assertTrue(result.switchSpreadMillis() < 1000, "spread " + result.switchSpreadMillis());
        assertTrue(fleetLog.stream().anyMatch(l -> l.contains("all 3 hosts switched to r2 within")), fleetLog
                .toString());
        for (RecordingListener listener : listeners.subList(HOSTS, 2 * HOSTS)) {
            assertTrue(listener.lines.stream().anyMatch(l -> l.startsWith("zdd: smoke check passed on ")),
                    listener.lines.toString());
            assertTrue(listener.stages.contains(Stage.PRUNED), listener.lines.toString());
        }
    }

    @Test
    void aConnectionCutDuringOneHostsUploadSwitchesNoHost() throws Exception {
        deploy(fleet(), page(sites, "one"), "r1", null);
        closeAll();
        Map<String, String> big = new HashMap<>();
        big.put("index.html", "<img src=big.png><p>big");
        byte[] noise = new byte[3_000_000];
        new Random(1).nextBytes(noise);
        big.put("big.png", new String(noise, StandardCharsets.ISO_8859_1));
        StagedRelease staged = sites.stage(big);
        OpenSshServer middle = sshds.get(1);
        try (CuttingProxy proxy = CuttingProxy.start("127.0.0.1", middle.port(), 1_000_000)) {
            List<FleetHost> hosts = List.of(host(0), host(1, proxy.port(), middle.knownHostsFor(proxy.port())),
                    host(2));
            FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy(hosts, staged, "r2", null));
            assertEquals(1, proxy.cuts());
            assertTrue(failure.getMessage().contains("no host was switched: " + hosts.get(1).name()),
                    failure.getMessage());
            assertTrue(failure.serving().get(hosts.get(0).name()).contains("serves r1"), failure.getMessage());
            assertTrue(failure.serving().get(hosts.get(2).name()).contains("serves r1"), failure.getMessage());
        }
        for (int i = 0; i < HOSTS; i++) {
            assertEquals("releases/r1", current(i));
            assertFalse(Files.exists(roots.get(i).resolve("releases/r2")) && i != 1, "host " + i + " cleaned");
        }
        assertTrue(allServe(served(), "one"));
        // The cut host's lock outlives the dead connection by its one-second lease; then the fleet deploys again.
        Thread.sleep(1100);
        closeAll();
        deploy(fleet(), staged, "r3", null);
        assertTrue(allServe(served(), "big"), served().toString());
    }

    @Test
    void aHostThatFailsWhilePlanningStopsTheOtherHostsUploads() throws Exception {
        deploy(fleet(), page(sites, "one"), "r1", null);
        closeAll();
        // An admin replaced host 0's current by a folder: its planning refuses at once.
        Files.delete(roots.get(0).resolve("current"));
        Files.createDirectory(roots.get(0).resolve("current"));
        Map<String, String> many = new HashMap<>();
        many.put("index.html", "<p>many");
        Random random = new Random(2);
        for (int f = 0; f < 30; f++) {
            byte[] noise = new byte[4_000];
            random.nextBytes(noise);
            many.put("data/" + f + ".bin", new String(noise, StandardCharsets.ISO_8859_1));
        }
        StagedRelease staged = sites.stage(many);
        // The others go on from planning only once host 0 has failed, so they always stop before sending (a stop in
        // the middle of an upload is CancellationTest's and each transport's contract test's).
        CountDownLatch hostZeroFailed = new CountDownLatch(1);
        List<FleetHost> hosts = new ArrayList<>();
        List<RecordingListener> others = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            RecordingListener recording = new RecordingListener();
            boolean first = i == 0;
            if (!first) {
                others.add(recording);
            }
            hosts.add(host(i, sshds.get(i).port(), sshds.get(i).knownHosts(), StageHook.after(recording, stage -> {
                if (first && stage == Stage.FAILED) {
                    hostZeroFailed.countDown();
                } else if (!first && stage == Stage.PLANNED) {
                    awaitQuietly(hostZeroFailed);
                }
            })));
        }

        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy(hosts, staged, "r2", null));

        assertTrue(failure.getMessage().startsWith("zdd: no host was switched: " + hosts.get(0).name()
                + " failed before the switch"), failure.getMessage());
        for (int i = 1; i < HOSTS; i++) {
            assertEquals("stopped before it was ready, since " + hosts.get(0).name() + " failed; serves r1",
                    failure.serving().get(hosts.get(i).name()), failure.getMessage());
            RecordingListener recording = others.get(i - 1);
            assertFalse(recording.stages.contains(Stage.UPLOADED), recording.lines.toString());
            assertTrue(recording.lines.stream().anyMatch(l -> l.contains("given up: " + hosts.get(0).name()
                    + " failed")), recording.lines.toString());
            assertEquals("releases/r1", current(i));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "host 0 never failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aHostWhoseSwitchFailsHasTheOthersSwitchedBack() throws Exception {
        deploy(fleet(), page(sites, "one"), "r1", null);
        closeAll();
        List<FleetHost> hosts = new ArrayList<>(fleet());
        FleetHost broken = hosts.get(2);
        // The third host's switch fails after the others switched (its publisher refuses, as a full disk would).
        hosts.set(2, new FleetHost(broken.name(), broken.transport(), broken.layout(), new Publisher() {
            @Override
            public String publish(String releaseId, String live) throws DeployException {
                throw new DeployException(Stage.PUBLISHED, "cannot swap current: No space left on device");
            }

            @Override
            public String restore(String releaseId, String live) throws IOException, DeployException {
                return broken.publisher().restore(releaseId, live);
            }
        }, broken.listener()));
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy(hosts, page(sites, "two"), "r2",
                null));
        assertTrue(failure.getMessage().contains("the fleet was switched back: " + broken.name()
                + " could not switch to r2"), failure.getMessage());
        assertEquals("switched back; serves r1", failure.serving().get(hosts.get(0).name()));
        assertEquals("switched back; serves r1", failure.serving().get(hosts.get(1).name()));
        assertEquals("not switched; serves r1", failure.serving().get(broken.name()));
        for (int i = 0; i < HOSTS; i++) {
            assertEquals("releases/r1", current(i), "host " + i);
            assertFalse(Files.exists(roots.get(i).resolve("releases/r2")), "host " + i + " keeps no r2");
            List<DeployLog.Entry> log = new ReleaseStore(hosts.get(i).transport(), hosts.get(i).layout()).log().entries();
            DeployLog.Entry last = log.get(log.size() - 1);
            assertEquals("failed", last.outcome(), "host " + i);
            assertFalse(Files.exists(roots.get(i).resolve(".zdd/lock")), "host " + i + " unlocked");
        }
        assertTrue(allServe(served(), "one"), served().toString());
    }

    @Test
    void twoFleetDeploysAtOnceLockInOneOrderAndBothFinish() throws Exception {
        deploy(fleet(), page(sites, "one"), "r1", null);
        closeAll();
        List<FleetHost> forward = fleet();
        List<FleetHost> backward = new ArrayList<>(fleet());
        java.util.Collections.reverse(backward);
        StagedRelease two = page(sites, "two");
        StagedRelease three = page(sites, "three");
        DeployOptions waiting2 = new DeployOptions("r2", 5, 2, Duration.ofMinutes(1), Duration.ofSeconds(60), false);
        DeployOptions waiting3 = new DeployOptions("r3", 5, 2, Duration.ofMinutes(1), Duration.ofSeconds(60), false);
        ExecutorService both = Executors.newFixedThreadPool(2);
        ExecutorService second = Executors.newFixedThreadPool(HOSTS);
        try {
            Future<FleetDeploy.Result> a = both.submit(() -> new FleetDeploy(forward, ACTOR, executor, null,
                    AfterSwitchCheck.OnFailure.ROLLBACK, fleetLog::add).deploy(StagedRelease.Reading.of(two),
                    waiting2));
            Future<FleetDeploy.Result> b = both.submit(() -> new FleetDeploy(backward, ACTOR, second, null,
                    AfterSwitchCheck.OnFailure.ROLLBACK, fleetLog::add).deploy(StagedRelease.Reading.of(three),
                    waiting3));
            a.get(90, TimeUnit.SECONDS);
            b.get(90, TimeUnit.SECONDS);
        } finally {
            both.shutdownNow();
            second.shutdownNow();
        }
        String live = current(0);
        assertTrue(live.equals("releases/r2") || live.equals("releases/r3"), live);
        for (int i = 1; i < HOSTS; i++) {
            assertEquals(live, current(i), "every host ends on the deploy that finished last");
        }
        List<String> pages = served();
        assertTrue(allServe(pages, "two") || allServe(pages, "three"), pages.toString());
    }

    @Test
    void aHostServingAStaleCopyFailsTheSmokeCheckAndEveryHostIsRolledBack() throws Exception {
        deploy(fleet(), page(sites, "one"), "r1", smoke());
        closeAll();
        // The third host's web server is rooted at a copy of r1, not at current: it never follows a switch.
        Path stale = work.resolve("stale-copy");
        Files.createDirectories(stale);
        try (var files = Files.walk(roots.get(2).resolve("releases/r1"))) {
            for (Path file : files.toList()) {
                Path to = stale.resolve(roots.get(2).resolve("releases/r1").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        nginxes.get(2).close();
        nginxes.set(2, NginxServer.start(work.resolve("nginx-stale"), stale));
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy(fleet(), page(sites, "two"), "r2",
                smoke()));
        assertTrue(failure.getMessage().contains("smoke check failed after the switch to r2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("that are not release r2's index.html"), failure.getMessage());
        for (int i = 0; i < HOSTS; i++) {
            assertEquals("releases/r1", current(i), "host " + i);
        }
        assertTrue(allServe(served(), "one"), served().toString());
    }

    @Test
    void aFleetRollbackToAReleaseOneHostLacksSwitchesNoHost() throws Exception {
        List<FleetHost> two = List.of(host(0), host(1));
        deploy(two, page(sites, "one"), "r1", null);
        closeAll();
        deploy(fleet(), page(sites, "two"), "r2", null);
        closeAll();
        DeployException refused = assertThrows(DeployException.class, () -> new FleetRollback(fleet(), ACTOR,
                executor).rollback("r1", Duration.ofMinutes(1), Duration.ZERO));
        assertTrue(refused.getMessage().contains("no host was rolled back to r1"), refused.getMessage());
        assertTrue(refused.getMessage().contains(host(2).name() + ": release r1 does not exist"),
                refused.getMessage());
        IntStream.range(0, HOSTS).forEach(i -> assertTrue(Files.notExists(roots.get(i).resolve(".zdd/lock"))));
        for (int i = 0; i < HOSTS; i++) {
            assertEquals("releases/r2", current(i), "host " + i);
        }
        closeAll();
        assertEquals("r1", new FleetRollback(List.of(host(0), host(1)), ACTOR, executor).rollback(null,
                Duration.ofMinutes(1), Duration.ZERO));
        assertEquals("releases/r1", current(0));
        assertEquals("releases/r1", current(1));
        List<String> pages = served();
        assertTrue(pages.get(0).contains("<p>one") && pages.get(1).contains("<p>one"), pages.toString());
        assertTrue(pages.get(2).contains("<p>two"), pages.toString());
    }
}
