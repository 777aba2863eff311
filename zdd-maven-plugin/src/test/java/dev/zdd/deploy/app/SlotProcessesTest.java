package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.transport.LocalHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zdd's own processes on a slot, on this machine: started, watched and stopped as real process groups. */
class SlotProcessesTest {
    @TempDir
    Path tmp;

    private DeployLayout layout;
    private Process foreign;

    @BeforeEach
    void setUp() throws Exception {
        layout = new DeployLayout(tmp.toString());
        Files.createDirectories(tmp.resolve("releases/r1"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (foreign != null) {
            foreign.destroyForcibly().waitFor();
        }
        processes("sleep 30").stop(Slot.BLUE, "r1");
    }

    private SlotProcesses processes(String start) {
        return new SlotProcesses(new LocalHost(), layout, new AppSettings(AppSettings.SwitchMode.NGINX,
                List.of(18081, 18082), start, null, "/health", null, List.of(), Duration.ofSeconds(5), List.of(), null,
                "true", "true", null, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ZERO));
    }

    @Test
    void aProcessIsAliveFromTheMomentItIsStarted() throws Exception {
        SlotProcesses processes = processes("exec sleep 30");
        for (int i = 0; i < 10; i++) {
            processes.start(Slot.BLUE, "r1", SlotProcesses.newInstance());
            // At once: before the child has called setsid, its process group does not exist yet.
            assertTrue(processes.alive(Slot.BLUE), "start " + i);
            processes.stop(Slot.BLUE, "r1");
            assertFalse(processes.alive(Slot.BLUE), "stop " + i);
        }
    }

    @Test
    void aProcessThatExitedIsNotAlive() throws Exception {
        SlotProcesses processes = processes("exit 3");
        processes.start(Slot.BLUE, "r1", SlotProcesses.newInstance());
        long deadline = System.currentTimeMillis() + 5_000;
        while (processes.alive(Slot.BLUE) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(processes.alive(Slot.BLUE));
    }

    @Test
    void aRecycledPidIsNeverSignalled() throws Exception {
        // A process zdd did not start, in a group of its own, under the pid the slot's file names; only the start
        // time differs, as when the slot's process died long ago and the pid was handed out again.
        foreign = new ProcessBuilder("setsid", "sleep", "30").start();
        Thread.sleep(100);
        Files.createDirectories(tmp.resolve("slots/blue"));
        Files.writeString(tmp.resolve("slots/blue/pid"), foreign.pid() + " 1\n");
        SlotProcesses processes = processes("exec sleep 30");
        assertFalse(processes.alive(Slot.BLUE));
        processes.stop(Slot.BLUE, "r1");
        assertTrue(foreign.isAlive(), "the foreign process must survive");
    }
}
