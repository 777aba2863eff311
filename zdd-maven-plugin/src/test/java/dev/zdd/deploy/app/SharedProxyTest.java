package dev.zdd.deploy.app;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.fleet.FleetDeploy;
import dev.zdd.deploy.fleet.FleetFailure;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.deploy.fleet.FleetRollback;
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.AppSlots;
import dev.zdd.testing.DemoAppRelease;
import dev.zdd.testing.FreePort;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.Steady;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two app hosts (deploy roots with real app processes on their own ports) behind one real nginx load balancer whose
 * include lists both hosts' live slots: the balancer moves once, only after both new slots passed their gate, and
 * puts its previous include back when anything after that fails.
 */
class SharedProxyTest {
    static final Actor ACTOR = new Actor("tester", "localhost", ProcessHandle.current().pid(), "abc1234", "1.0", null);

    @TempDir
    Path tmp;
    final List<Path> roots = new ArrayList<>();
    final List<List<Integer>> ports = new ArrayList<>();
    final List<Transport> transports = new ArrayList<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Path lbRoot;
    Path include;
    NginxServer balancer;
    Transport lb;
    ExecutorService executor;

    @BeforeEach
    void hosts() throws IOException {
        executor = Executors.newFixedThreadPool(2);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Path root = tmp.resolve("app-" + i);
            Files.createDirectories(root);
            roots.add(root);
            List<Integer> pair = new ArrayList<>();
            while (pair.size() < 2) {
                int port = FreePort.find();
                if (taken.add(port)) {
                    pair.add(port);
                }
            }
            ports.add(pair);
            transports.add(new LocalTransport(root.toString()));
        }
        lbRoot = tmp.resolve("lb");
        Files.createDirectories(lbRoot);
        include = lbRoot.resolve("upstream.conf");
        // Before a first deploy the balancer points somewhere; zdd replaces it at the first switch.
        Files.writeString(include, "server 127.0.0.1:" + ports.get(0).get(0) + ";\n");
        balancer = NginxServer.startProxyToUpstream(tmp.resolve("nginx-lb"), include);
        lb = new LocalTransport(lbRoot.toString());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = 0; i < roots.size(); i++) {
            AppSlots.stopAll(transports.get(i), new DeployLayout(roots.get(i).toString()));
            transports.get(i).close();
        }
        lb.close();
        balancer.close();
        executor.shutdownNow();
    }

    AppSettings settings(int host, List<String> healthJson) {
        return new AppSettings(AppSettings.SwitchMode.SHARED, ports.get(host), DemoAppRelease.START, null, "/health",
                null, healthJson, Duration.ofSeconds(4), List.of(), null, balancer.testCommand(),
                balancer.reloadCommand(), null, Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ZERO);
    }

    /** One fleet: both app hosts, each with its publisher, and the balancer as their shared switch. */
    record Fleet(List<FleetHost> hosts, SharedUpstream shared) {
    }

    Fleet fleet(List<AppSettings> settings, String nginxTest) throws Exception {
        List<FleetHost> hosts = new ArrayList<>();
        List<SharedUpstream.Member> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DeployLayout layout = new DeployLayout(roots.get(i).toString());
            DeployListener listener = listener("app-" + i);
            AppPublisher publisher = new AppPublisher(transports.get(i), layout, settings.get(i), listener);
            hosts.add(new FleetHost("app-" + i, transports.get(i), layout, publisher, listener));
            members.add(new SharedUpstream.Member("app-" + i, "127.0.0.1", publisher));
        }
        SharedUpstream shared = new SharedUpstream(List.of(new SharedUpstream.Proxy("lb", lb, include.toString(),
                nginxTest != null ? nginxTest : balancer.testCommand(), balancer.reloadCommand(),
                balancer.url("/"))), members, Duration.ofSeconds(10));
        return new Fleet(hosts, shared);
    }

    void deploy(String version, List<AppSettings> settings, String nginxTest) throws Exception {
        Fleet fleet = fleet(settings, nginxTest);
        StagedRelease staged = StagedRelease.read(DemoAppRelease.create(tmp.resolve("builds"), version));
        new FleetDeploy(fleet.hosts(), ACTOR, executor, null, AfterSwitchCheck.OnFailure.ROLLBACK, log::add,
                fleet.shared()).deploy(StagedRelease.Reading.of(staged), new DeployOptions(id(version), 5, 0,
                Duration.ofMinutes(5), Duration.ZERO, false));
    }

    static String id(String version) {
        return "2026120" + version.substring(1) + "T000000Z-" + version;
    }

    List<AppSettings> healthy() {
        return List.of(settings(0, List.of()), settings(1, List.of()));
    }

    String servedByBalancer() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(balancer.url("/")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().strip();
    }

    SlotState state(int host, Slot slot) throws IOException {
        return SlotState.read(transports.get(host), new SlotLayout(new DeployLayout(roots.get(host).toString())), slot);
    }

    @Test
    void theBalancerMovesOnceToEveryHostsNewSlotAfterAllPassedTheirGateAndUsersSeeNoError() throws Exception {
        deploy("v1", healthy(), null);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        Thread load = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(balancer.url("/")))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        errors.add("HTTP " + response.statusCode());
                    }
                    answered.incrementAndGet();
                } catch (IOException | InterruptedException e) {
                    errors.add(e.toString());
                }
            }
        });
        load.start();
        log.clear();
        try {
            deploy("v2", healthy(), null);
        } finally {
            running.set(false);
            load.join();
        }
        assertEquals(List.of(), errors, "requests through the balancer during the deploy");
        assertTrue(answered.get() > 20, "the load ran: " + answered.get());
        String conf = Files.readString(include);
        assertTrue(conf.startsWith("# zdd: release " + id("v2")), conf);
        for (int i = 0; i < 2; i++) {
            assertTrue(conf.contains("server 127.0.0.1:" + ports.get(i).get(1) + "; # app-" + i + ", slot green"),
                    conf);
            assertFalse(conf.contains(":" + ports.get(i).get(0) + ";"), conf);
            assertEquals(SlotState.LIVE, state(i, Slot.GREEN).role());
            assertEquals(SlotState.KEPT, state(i, Slot.BLUE).role(), "the old slot is kept for a quick rollback");
        }
        assertEquals(id("v2"), SharedUpstream.live(lb, include.toString()));
        Steady.answers("version v2", this::servedByBalancer);
        int proxySwitch = indexOf("shared proxy switched to " + id("v2"));
        assertTrue(proxySwitch > lastIndexOf("healthy: slot green"), "both hosts passed their gate before the"
                + " balancer moved:\n" + String.join("\n", log));
        assertTrue(proxySwitch < indexOf("switched: slot green"), String.join("\n", log));
    }

    @Test
    void aHostWhoseNewSlotNeverGetsHealthyLeavesTheBalancerAndEveryHostAsTheyWere() throws Exception {
        deploy("v1", healthy(), null);
        String before = Files.readString(include);
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy("v2",
                List.of(settings(0, List.of()), settings(1, List.of("/version=never"))), null));
        assertTrue(failure.getMessage().contains("no host was switched: app-1 failed before the switch"),
                failure.getMessage());
        assertEquals(before, Files.readString(include), "the balancer's include was not touched");
        for (int i = 0; i < 2; i++) {
            assertEquals(SlotState.LIVE, state(i, Slot.BLUE).role());
            assertEquals(SlotState.STOPPED, state(i, Slot.GREEN).role(), "app-" + i + "'s new slot is stopped");
        }
        assertEquals("version v1", servedByBalancer());
    }

    @Test
    void aBalancerThatRefusesTheNewIncludeGetsItsOldOneBackAndNoHostSwitches() throws Exception {
        deploy("v1", healthy(), null);
        String before = Files.readString(include);
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy("v2", healthy(), "false"));
        assertTrue(failure.getMessage().contains("no host was switched: the shared proxy lb could not switch to "
                + id("v2") + ": 'false' failed"), failure.getMessage());
        assertEquals(before, Files.readString(include));
        for (int i = 0; i < 2; i++) {
            assertEquals("prepared, then given up; serves " + id("v1"), failure.serving().get("app-" + i));
            assertEquals(SlotState.LIVE, state(i, Slot.BLUE).role());
            assertEquals(SlotState.STOPPED, state(i, Slot.GREEN).role());
            assertFalse(Files.exists(roots.get(i).resolve("releases/" + id("v2"))), "the given-up release is gone");
        }
        assertEquals("version v1", servedByBalancer());
    }

    @Test
    void aHostThatFailsAfterTheBalancerMovedHasTheBalancerAndTheOtherHostPutBack() throws Exception {
        deploy("v1", healthy(), null);
        String before = Files.readString(include);
        // app-1 checks its release through a URL nobody answers: its switch fails after the balancer moved.
        AppSettings unreachable = settings(1, List.of()).withPublicUrl("http://127.0.0.1:" + FreePort.find() + "/");
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy("v2",
                List.of(settings(0, List.of()), unreachable), null));
        assertTrue(failure.getMessage().contains("the fleet was switched back: app-1 could not switch"),
                failure.getMessage());
        assertEquals("the previous upstream is back on lb", failure.serving().get("shared proxy"),
                failure.getMessage());
        assertEquals("switched back; serves " + id("v1"), failure.serving().get("app-0"), failure.getMessage());
        assertEquals(before, Files.readString(include), "the balancer's include is the one before the deploy");
        for (int i = 0; i < 2; i++) {
            assertEquals(SlotState.LIVE, state(i, Slot.BLUE).role(), "app-" + i);
        }
        Steady.answers("version v1", this::servedByBalancer);
    }

    @Test
    void aRollbackMovesTheBalancerBackToTheKeptSlotsWithoutStartingAnything() throws Exception {
        deploy("v1", healthy(), null);
        deploy("v2", healthy(), null);
        long[] keptPids = new long[2];
        for (int i = 0; i < 2; i++) {
            keptPids[i] = pid(i, Slot.BLUE);
        }
        log.clear();
        Fleet fleet = fleet(healthy(), null);
        String live = new FleetRollback(fleet.hosts(), ACTOR, executor, fleet.shared(), null).rollback(null,
                Duration.ofMinutes(5), Duration.ZERO);
        assertEquals(id("v1"), live);
        String conf = Files.readString(include);
        assertTrue(conf.startsWith("# zdd: release " + id("v1")), conf);
        for (int i = 0; i < 2; i++) {
            assertTrue(conf.contains("server 127.0.0.1:" + ports.get(i).get(0) + "; # app-" + i + ", slot blue"),
                    conf);
            assertEquals(SlotState.LIVE, state(i, Slot.BLUE).role());
            assertEquals(keptPids[i], pid(i, Slot.BLUE), "the kept process serves again; nothing was started");
        }
        Steady.answers("version v1", this::servedByBalancer);
    }

    @Test
    void aRollbackThatTheBalancerRefusesLeavesEveryHostOnTheLiveRelease() throws Exception {
        deploy("v1", healthy(), null);
        deploy("v2", healthy(), null);
        Fleet fleet = fleet(healthy(), "false");
        DeployException failure = assertThrows(DeployException.class, () -> new FleetRollback(fleet.hosts(), ACTOR,
                executor, fleet.shared(), null).rollback(null, Duration.ofMinutes(5), Duration.ZERO));
        assertTrue(failure.getMessage().contains("no host was rolled back to " + id("v1")), failure.getMessage());
        assertTrue(failure.getMessage().contains("the shared proxy: the shared proxy lb could not switch"),
                failure.getMessage());
        for (int i = 0; i < 2; i++) {
            assertEquals(SlotState.LIVE, state(i, Slot.GREEN).role());
            assertEquals(SlotState.KEPT, state(i, Slot.BLUE).role(), "the kept slot stays kept");
            assertTrue(new SlotProcesses(transports.get(i).host(), new DeployLayout(roots.get(i).toString()),
                    settings(i, List.of())).alive(Slot.BLUE));
        }
        assertTrue(Files.readString(include).startsWith("# zdd: release " + id("v2")));
        assertEquals("version v2", servedByBalancer());
    }


    private long pid(int host, Slot slot) throws IOException {
        return new SlotProcesses(transports.get(host).host(), new DeployLayout(roots.get(host).toString()),
                settings(host, List.of())).pid(slot);
    }

    private int indexOf(String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private int lastIndexOf(String text) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private DeployListener listener(String name) {
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
                log.add(name + " " + stage.id() + ": " + detail);
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
            }

            @Override
            public void info(String line) {
                log.add(name + " " + line);
            }

            @Override
            public void warn(String line) {
                log.add(name + " WARN " + line);
            }
        };
    }
}
