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
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.deploy.transport.Transport;
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

/** App deploys on a local target (this machine's folder and processes), plus the cases that do not depend on it. */
class AppDeployTest extends AppDeployContract {
    @Override
    Transport open() {
        return new LocalTransport(root.toString());
    }

    @Test
    void aJsonExpectationThatIsFalseFailsTheGate() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> b));
        DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of("db", "down"),
                nginxSettings(b -> {
                    b.healthJson = List.of("/status=UP", "/components/db/status=UP");
                    b.healthTimeout = Duration.ofSeconds(3);
                    return b;
                })));
        assertTrue(e.getMessage().contains("/components/db/status=UP expected, but /components/db/status is"
                + " \"DOWN\""), e.getMessage());
        Steady.answers("version v1", this::served);
    }

    @Test
    void aStartCommandThatExitsAtOnceFailsFastWithItsLog() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> b));
        long started = System.currentTimeMillis();
        DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of("exitCode", "3"),
                nginxSettings(b -> b)));
        long took = System.currentTimeMillis() - started;
        assertTrue(e.getMessage().contains("exited") && e.getMessage().contains("failing at start on purpose"),
                e.getMessage());
        assertTrue(took < 15_000, "must not wait for the whole health timeout: " + took + " ms");
        Steady.answers("version v1", this::served);
    }

    @Test
    void aSecondConcurrentDeployIsRefusedByTheLock() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> b));
        List<Throwable> first = Collections.synchronizedList(new ArrayList<>());
        Thread slow = new Thread(() -> {
            try {
                deploy("v2", Map.of("startDelayMs", "4000"), nginxSettings(b -> b));
            } catch (Throwable t) {
                first.add(t);
            }
        });
        slow.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (log.stream().noneMatch(l -> l.startsWith("launched: 20261202T000000Z-v2"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        DeployException e = assertThrows(DeployException.class, () -> deploy("v3", Map.of(), nginxSettings(b -> b)));
        assertEquals(Stage.LOCKED, e.stage());
        assertTrue(e.getMessage().contains("deploy 20261202T000000Z-v2"), "names the holder: " + e.getMessage());
        slow.join();
        assertTrue(first.isEmpty(), "the first deploy goes on: " + first);
        Steady.answers("version v2", this::served);
    }

    @Test
    void warmUpPathsAreRequestedAndAFailingOneStopsTheDeploy() throws Exception {
        startNginx();
        deploy("v1", Map.of(), nginxSettings(b -> {
            b.warmup = List.of("/", "/slow?ms=10");
            return b;
        }));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("warmed: 2 path(s)")), String.join("\n", log));
        DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of(), nginxSettings(b -> {
            b.warmup = List.of("/", "/missing/page");
            return b;
        })));
        assertEquals(Stage.WARMED, e.stage());
        assertTrue(e.getMessage().contains("/missing/page") && e.getMessage().contains("HTTP 404"), e.getMessage());
        Steady.answers("version v1", this::served);
    }

    @Test
    void aSlotThatFailsWhileWatchedIsSwitchedBackFrom() throws Exception {
        startNginx();
        String v1 = deploy("v1", Map.of(), nginxSettings(b -> b));
        DeployException e = assertThrows(DeployException.class, () -> deploy("v2", Map.of("failHealthAfterMs",
                "1500"), nginxSettings(b -> {
                    b.watchFor = Duration.ofSeconds(6);
                    return b;
                })));
        assertEquals(Stage.WATCHED, e.stage());
        assertTrue(e.getMessage().contains("switched back to slot blue"), e.getMessage());
        Steady.answers("version v1", this::served);
        assertEquals("releases/" + v1, Files.readSymbolicLink(root.resolve("current")).toString());
        assertFalse(running(pidOrZero(Slot.GREEN)), "the failed slot is stopped");
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        IllegalArgumentException noStart = assertThrows(IllegalArgumentException.class, () -> nginxSettings(b -> {
            b.start = " ";
            return b;
        }));
        assertTrue(noStart.getMessage().startsWith("zdd.start:"), noStart.getMessage());
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class, () -> nginxSettings(b -> {
            b.healthJson = List.of("status=UP");
            return b;
        }));
        assertTrue(json.getMessage().contains("/json/pointer=value"), json.getMessage());
        IllegalArgumentException ports = assertThrows(IllegalArgumentException.class, () -> AppSettings.ports("80,x"));
        assertTrue(ports.getMessage().startsWith("zdd.ports:"), ports.getMessage());
    }


    @Test
    void stoppingASlotLetsTheRequestsInFlightFinish() throws Exception {
        startNginx();
        AppSettings settings = nginxSettings(b -> b);
        deploy("v1", Map.of(), settings);
        deploy("v2", Map.of(), settings);
        // A slow request straight to the kept slot (blue), in flight when the slot is stopped.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bluePort + "/slow?ms=1500")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        long blue = pid(Slot.BLUE);
        new SlotProcesses(transport.host(), layout, settings).stop(Slot.BLUE, null);
        assertFalse(running(blue), "stop returns once the process is gone");
        HttpResponse<String> answer = slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("slow version v1", answer.body().strip());
        assertTrue(Files.readString(root.resolve("slots/blue/app.log")).contains("stopped, 0 request(s) cut"));
    }
}
