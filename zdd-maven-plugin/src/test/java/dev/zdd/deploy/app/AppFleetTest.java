package dev.zdd.deploy.app;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.fleet.FleetDeploy;
import dev.zdd.deploy.fleet.FleetFailure;
import dev.zdd.deploy.fleet.FleetHost;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two app hosts, each a deploy root with its own slots (real app processes) behind its own real nginx: every host's
 * new slot must pass its gate before any host switches, and a host that cannot switch has the others switched back.
 */
class AppFleetTest {
    static final Actor ACTOR = new Actor("tester", "localhost", ProcessHandle.current().pid(), "abc1234", "1.0", null);

    @TempDir
    Path tmp;
    final List<Path> roots = new ArrayList<>();
    final List<NginxServer> nginxes = new ArrayList<>();
    final List<List<Integer>> ports = new ArrayList<>();
    final List<Transport> transports = new ArrayList<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService executor;

    @BeforeEach
    void hosts() throws IOException {
        executor = Executors.newFixedThreadPool(2);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Path root = tmp.resolve("host-" + i);
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
            Path include = root.resolve("upstream.conf");
            Files.writeString(include, "server 127.0.0.1:" + pair.get(0) + ";\n");
            nginxes.add(NginxServer.startProxyToUpstream(tmp.resolve("nginx-" + i), include));
            transports.add(new LocalTransport(root.toString()));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = 0; i < roots.size(); i++) {
            AppSlots.stopAll(transports.get(i), new DeployLayout(roots.get(i).toString()));
            transports.get(i).close();
        }
        nginxes.forEach(NginxServer::close);
        executor.shutdownNow();
    }

    AppSettings settings(int host, List<String> healthJson, String nginxTest) {
        return settings(host, healthJson, nginxTest, Duration.ofSeconds(4));
    }

    AppSettings settings(int host, List<String> healthJson, String nginxTest, Duration healthTimeout) {
        NginxServer nginx = nginxes.get(host);
        return new AppSettings(AppSettings.SwitchMode.NGINX, ports.get(host), DemoAppRelease.START, null, "/health",
                null, healthJson, healthTimeout, List.of(), null,
                nginxTest != null ? nginxTest : nginx.testCommand(), nginx.reloadCommand(), nginx.url("/"),
                Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ZERO);
    }

    FleetHost host(int i, AppSettings settings) throws Exception {
        DeployLayout layout = new DeployLayout(roots.get(i).toString());
        DeployListener listener = listener("host-" + i);
        return new FleetHost("host-" + i, transports.get(i), layout,
                new AppPublisher(transports.get(i), layout, settings, listener), listener);
    }

    void deploy(String version, AppSettings first, AppSettings second) throws Exception {
        StagedRelease staged = StagedRelease.read(DemoAppRelease.create(tmp.resolve("builds"), version));
        new FleetDeploy(List.of(host(0, first), host(1, second)), ACTOR, executor, null,
                AfterSwitchCheck.OnFailure.ROLLBACK, log::add).deploy(StagedRelease.Reading.of(staged),
                new DeployOptions("2026120" + version.substring(1) + "T000000Z-" + version, 5, 0,
                        Duration.ofMinutes(5), Duration.ZERO, false));
    }

    String served(int host) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nginxes.get(host).url("/")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().strip();
    }

    SlotState state(int host, Slot slot) throws IOException {
        return SlotState.read(transports.get(host), new SlotLayout(new DeployLayout(roots.get(host).toString())), slot);
    }

    @Test
    void bothHostsGateTheirNewSlotThenSwitchTogether() throws Exception {
        deploy("v1", settings(0, List.of(), null), settings(1, List.of(), null));
        log.clear();
        deploy("v2", settings(0, List.of(), null), settings(1, List.of(), null));
        for (int i = 0; i < 2; i++) {
            int host = i;
            Steady.answers("version v2", () -> served(host));
            assertEquals(SlotState.LIVE, state(i, Slot.GREEN).role());
            assertEquals(SlotState.KEPT, state(i, Slot.BLUE).role(), "the old slot is kept for a quick rollback");
        }
        int healthy = (int) log.stream().filter(l -> l.contains("healthy: slot green answered")).count();
        assertEquals(2, healthy, String.join("\n", log));
        int firstSwitch = indexOf("switched: ");
        int lastHealthy = lastIndexOf("healthy: slot green");
        assertTrue(lastHealthy < firstSwitch, "every host passed its gate before any switched:\n" + String.join("\n",
                log));
    }

    @Test
    void aHostWhoseNewSlotNeverGetsHealthySwitchesNoHostAndStopsTheOthersNewSlot() throws Exception {
        deploy("v1", settings(0, List.of(), null), settings(1, List.of(), null));
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy("v2", settings(0, List.of(), null),
                settings(1, List.of("/version=never"), null)));
        assertTrue(failure.getMessage().contains("no host was switched: host-1 failed before the switch"),
                failure.getMessage());
        assertEquals(Stage.VERIFIED, failure.stage());
        for (int i = 0; i < 2; i++) {
            int host = i;
            Steady.answers("version v1", () -> served(host));
            assertEquals(SlotState.LIVE, state(i, Slot.BLUE).role());
            assertEquals(SlotState.STOPPED, state(i, Slot.GREEN).role(), "host " + i + "'s new slot is stopped");
            assertFalse(Files.exists(roots.get(i).resolve("releases/20261202T000000Z-v2")));
        }
    }

    @Test
    void aHostStillWaitingOnItsHealthGateStopsAsSoonAsAnotherHostFails() throws Exception {
        deploy("v1", settings(0, List.of(), null), settings(1, List.of(), null));
        // Neither new slot ever passes; host 0 gives up after 1 s, host 1 would wait for 30 s.
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy("v2",
                settings(0, List.of("/version=never"), null, Duration.ofSeconds(1)),
                settings(1, List.of("/version=never"), null, Duration.ofSeconds(30))));
        assertTrue(failure.getMessage().contains("no host was switched: host-0 failed before the switch: slot green"
                + " (20261202T000000Z-v2) was not healthy within 1 s"), failure.getMessage());
        assertEquals("stopped before it was ready, since host-0 failed; serves 20261201T000000Z-v1",
                failure.serving().get("host-1"), failure.getMessage());
        assertEquals("20261202T000000Z-v2", state(1, Slot.GREEN).release(), "host 1 had started v2 and was gating it");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("host-1 launched: 20261202T000000Z-v2 on slot green")),
                String.join("\n", log));
        for (int i = 0; i < 2; i++) {
            int host = i;
            Steady.answers("version v1", () -> served(host));
            assertEquals(SlotState.STOPPED, state(i, Slot.GREEN).role(), "host " + i + "'s new slot is stopped");
            assertFalse(Files.exists(roots.get(i).resolve("releases/20261202T000000Z-v2")));
        }
    }

    @Test
    void aHostThatCannotSwitchHasTheOtherSwitchedBackToItsKeptSlot() throws Exception {
        deploy("v1", settings(0, List.of(), null), settings(1, List.of(), null));
        FleetFailure failure = assertThrows(FleetFailure.class, () -> deploy("v2", settings(0, List.of(), null),
                settings(1, List.of(), "false")));
        assertEquals("switched back; serves 20261201T000000Z-v1", failure.serving().get("host-0"),
                failure.getMessage());
        assertEquals("not switched; serves 20261201T000000Z-v1", failure.serving().get("host-1"),
                failure.getMessage());
        for (int i = 0; i < 2; i++) {
            int host = i;
            Steady.answers("version v1", () -> served(host));
            assertEquals(SlotState.LIVE, state(i, Slot.BLUE).role(), "host " + i);
        }
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

    DeployListener listener(String host) {
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
                log.add(host + " " + stage.id() + ": " + detail);
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
            }

            @Override
            public void info(String line) {
                log.add(host + " " + line);
            }

            @Override
            public void warn(String line) {
                log.add(host + " WARN " + line);
            }
        };
    }
}
