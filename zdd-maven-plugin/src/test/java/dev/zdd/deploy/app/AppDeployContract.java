package dev.zdd.deploy.app;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployLog;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.ReleaseStore;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blue/green app deploys against any target: real app processes started by zdd, a real nginx in front of them.
 * Every failure path must leave the live slot serving through nginx. Subclasses reach the target locally or over
 * SSH.
 */
abstract class AppDeployContract {
    @TempDir
    Path tmp;

    Path root;
    Path apps;
    DeployLayout layout;
    Transport transport;
    NginxServer nginx;
    int bluePort;
    int greenPort;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Actor actor = new Actor("tester", "localhost", ProcessHandle.current().pid(), "abc1234", "1.0",
            null);

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("srv");
        apps = tmp.resolve("builds");
        Files.createDirectories(root);
        layout = new DeployLayout(root.toString());
        transport = open();
        bluePort = FreePort.find();
        do {
            greenPort = FreePort.find();
        } while (greenPort == bluePort);
    }

    /** The target, as the test variant reaches it. */
    abstract Transport open() throws IOException;

    @AfterEach
    void tearDown() throws Exception {
        try (Transport closing = transport) {
            AppSlots.stopAll(transport, layout);
        } finally {
            if (nginx != null) {
                nginx.close();
            }
        }
    }

    /** A way to vary one setting from the defaults the tests use. */
    interface Tweak {
        Builder apply(Builder builder);
    }

    static final class Builder {
        AppSettings.SwitchMode mode = AppSettings.SwitchMode.NGINX;
        String stop;
        List<String> healthJson = List.of();
        Duration healthTimeout = Duration.ofSeconds(20);
        List<String> warmup = List.of();
        String publicUrl;
        Duration keepOldFor = Duration.ofMinutes(15);
        Duration watchFor = Duration.ZERO;
        String start = DemoAppRelease.START;
    }

    AppSettings nginxSettings(Tweak tweak) {
        Builder b = tweak.apply(new Builder());
        return new AppSettings(b.mode, List.of(bluePort, greenPort), b.start, b.stop, "/health", null, b.healthJson,
                b.healthTimeout, b.warmup, null, nginx == null ? "true" : nginx.testCommand(),
                nginx == null ? "true" : nginx.reloadCommand(),
                // Through nginx until the new release answers: a reload returns before its new workers run.
                b.publicUrl != null ? b.publicUrl : nginx == null ? null : nginx.url("/"), b.keepOldFor, Duration.ofSeconds(10),
                b.watchFor);
    }

    void startNginx() throws IOException {
        Path include = root.resolve("upstream.conf");
        // The README's placeholder: nginx starts before the first deploy, answering 502 until then.
        Files.writeString(include, "server 127.0.0.1:" + bluePort + ";\n");
        nginx = NginxServer.startProxyToUpstream(tmp.resolve("nginx"), include);
    }

    String deploy(String version, Map<String, String> behaviour, AppSettings settings) throws Exception {
        return deployWith(version, behaviour, settings, listener());
    }

    String deployWith(String version, AppSettings settings, DeployListener listener) throws Exception {
        return deployWith(version, Map.of(), settings, listener);
    }

    private String deployWith(String version, Map<String, String> behaviour, AppSettings settings,
                              DeployListener listener) throws Exception {
        StagedRelease staged = StagedRelease.read(DemoAppRelease.create(apps, version, behaviour));
        String id = "2026120" + version.replaceAll("\\D", "") + "T000000Z-" + version;
        AppPublisher publisher = new AppPublisher(transport, layout, settings, listener);
        new Deployer(transport, layout, actor, listener, publisher).deploy(staged, new DeployOptions(id, 5, 0,
                Duration.ofMinutes(5), Duration.ZERO, false));
        return id;
    }

    private String rollback(String to) throws Exception {
        AppSettings saved = SavedAppSettings.read(transport, layout);
        return new Rollback(transport, layout, actor, listener(), new AppPublisher(transport, layout, saved,
                listener())).rollback(to, Duration.ofMinutes(5), Duration.ZERO);
    }

    DeployListener listener() {
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
                log.add(stage.id() + ": " + detail);
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
            }

            @Override
            public void info(String line) {
                log.add(line);
            }

            @Override
            public void warn(String line) {
                log.add("WARN " + line);
            }
        };
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(nginx.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String served() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/");
        assertEquals(200, response.statusCode(), response.body());
        return response.body().strip();
    }

    long pid(Slot slot) throws IOException {
        String text = Files.readString(root.resolve("slots/" + slot.id() + "/pid")).strip();
        return Long.parseLong(text.split(" ")[0]);
    }

    /** Whether the process runs: a zombie (exited, not reaped yet by init) does not. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void deploysSwitchesKeepsTheOldSlotAndRollsBackWithoutStartingAnything() throws Exception {
        startNginx();
        AppSettings settings = nginxSettings(b -> b);
        String v1 = deploy("v1", Map.of(), settings);
        Steady.answers("version v1", this::served);
        assertEquals("releases/" + v1, Files.readSymbolicLink(root.resolve("current")).toString());
        assertTrue(Files.readString(root.resolve("upstream.conf")).contains("127.0.0.1:" + bluePort + ";"));
        long blue = pid(Slot.BLUE);

        String v2 = deploy("v2", Map.of(), settings);
        Steady.answers("version v2", this::served);
        assertTrue(Files.readString(root.resolve("upstream.conf")).contains("127.0.0.1:" + greenPort + ";"));
        assertTrue(running(blue), "the old slot keeps running for a quick rollback");
        assertEquals(SlotState.KEPT, SlotState.read(transport, new SlotLayout(layout), Slot.BLUE).role());
        long green = pid(Slot.GREEN);

        long started = System.nanoTime();
        assertEquals(v1, rollback(null));
        long millis = (System.nanoTime() - started) / 1_000_000;
        Steady.answers("version v1", this::served);
        assertEquals(blue, pid(Slot.BLUE), "a rollback inside the window starts nothing");
        assertTrue(running(blue));
        assertTrue(running(green), "the slot rolled back from is kept in turn");
        assertTrue(millis < 5000, "flip back took " + millis + " ms");
        assertTrue(log.stream().anyMatch(l -> l.contains("nothing started")), String.join("\n", log));

        // v2 was rolled back from: a second rollback must not bring it back, and there is nothing older.
        DeployException e = assertThrows(DeployException.class, () -> rollback(null));
        assertTrue(e.getMessage().contains("no earlier release"), e.getMessage());
        Steady.answers("version v1", this::served);
    }

    @Test
    void theKeptSlotIsStoppedGracefullyWhenItsTimeIsUp() throws Exception {
        startNginx();
        AppSettings settings = nginxSettings(b -> {
            b.keepOldFor = Duration.ofSeconds(2);
            return b;
        });
        deploy("v1", Map.of(), settings);
        long blue = pid(Slot.BLUE);
        deploy("v2", Map.of(), settings);
        assertTrue(running(blue));
        long deadline = System.currentTimeMillis() + 15_000;
        while (running(blue) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(running(blue), "the kept slot should stop after keepOldFor");
        assertTrue(Files.readString(root.resolve("slots/blue/app.log")).contains("stopped, 0 request(s) cut"),
                "stopped by SIGTERM, gracefully: " + Files.readString(root.resolve("slots/blue/app.log")));
        Steady.answers("version v2", this::served);
        List<String> table = SlotTable.lines(transport, layout, settings);
        assertTrue(table.stream().anyMatch(l -> l.startsWith("blue") && l.contains("stopped")), String.join("\n", table));
        assertTrue(table.stream().anyMatch(l -> l.startsWith("green") && l.contains(" live ")), String.join("\n", table));
    }

    @Test
    void aHealthThatNeverPassesStopsTheNewSlotAndSwitchesNothing() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> b));
        String upstream = Files.readString(root.resolve("upstream.conf"));
        DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of("health", "fail"),
                nginxSettings(b -> {
                    b.healthTimeout = Duration.ofSeconds(3);
                    return b;
                })));
        assertEquals(Stage.HEALTHY, e.stage());
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("\"status\":\"DOWN\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("listening on port " + greenPort), "shows the app's log: " + e.getMessage());
        Steady.answers("version v1", this::served);
        assertEquals(upstream, Files.readString(root.resolve("upstream.conf")));
        assertFalse(running(pidOrZero(Slot.GREEN)));
        assertFalse(Files.exists(root.resolve("releases/20261202T000000Z-v2")), "the failed release is removed");
        DeployLog.Entry last = new ReleaseStore(transport, layout).log().entries().get(1);
        assertEquals("failed", last.outcome());
        assertEquals("healthy", last.stage());
    }

    @Test
    void aRefusedNginxConfigurationRestoresTheIncludeAndDoesNotReload() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> b));
        String upstream = Files.readString(root.resolve("upstream.conf"));
        // An admin's half-finished edit of nginx.conf: nginx -t now fails, whatever zdd writes.
        Files.writeString(nginx.configFile(), Files.readString(nginx.configFile()) + "\nthis_is_not_a_directive;\n");
        DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of(), nginxSettings(b -> b)));
        assertEquals(Stage.SWITCHED, e.stage());
        assertTrue(e.getMessage().contains("this_is_not_a_directive") && e.getMessage().contains("not reloaded"),
                e.getMessage());
        assertEquals(upstream, Files.readString(root.resolve("upstream.conf")));
        Steady.answers("version v1", this::served);
        assertFalse(running(pidOrZero(Slot.GREEN)), "the new slot is stopped");
    }

    @Test
    void aPortTakenByAForeignProcessIsRefusedBeforeStarting() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> b));
        try (ServerSocket foreign = new ServerSocket()) {
            foreign.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), greenPort));
            DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of(),
                    nginxSettings(b -> b)));
            assertTrue(e.getMessage().contains("127.0.0.1:" + greenPort) && e.getMessage().contains("did not start"),
                    e.getMessage());
        }
        Steady.answers("version v1", this::served);
        assertFalse(Files.exists(root.resolve("slots/green/pid")), "nothing was started on the taken port");
    }

    @Test
    void socketModeSwitchesByRenamingTheLinkWithoutReloading() throws Exception {
        nginx = NginxServer.startProxyToSocket(tmp.resolve("nginx"), root.resolve("live.sock"));
        long master = Long.parseLong(Files.readString(tmp.resolve("nginx/nginx.pid")).strip());
        AppSettings settings = nginxSettings(b -> {
            b.mode = AppSettings.SwitchMode.SOCKET;
            return b;
        });
        String v1 = deploy("v1", Map.of(), settings);
        Steady.answers("version v1", this::served);
        assertEquals("slots/blue/app.sock", Files.readSymbolicLink(root.resolve("live.sock")).toString());
        String v2 = deploy("v2", Map.of(), settings);
        Steady.answers("version v2", this::served);
        assertEquals("slots/green/app.sock", Files.readSymbolicLink(root.resolve("live.sock")).toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("switched: ") && l.contains("no reload")),
                String.join("\n", log));
        assertEquals(v1, rollback(null));
        Steady.answers("version v1", this::served);
        assertEquals(v2, rollback(v2));
        Steady.answers("version v2", this::served);
        String errors = Files.readString(tmp.resolve("nginx/error.log"));
        assertFalse(errors.contains("reconfiguring") || errors.contains("signal 1"), "never reloaded: " + errors);
        assertEquals(master, Long.parseLong(Files.readString(tmp.resolve("nginx/nginx.pid")).strip()));
    }

    long pidOrZero(Slot slot) throws IOException {
        Path file = root.resolve("slots/" + slot.id() + "/pid");
        return Files.exists(file) ? pid(slot) : 0;
    }
}
