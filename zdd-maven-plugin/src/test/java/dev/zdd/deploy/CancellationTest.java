package dev.zdd.deploy;

import dev.zdd.deploy.transport.LocalTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One fleet host's deploy stopping because another host failed, and a failing deploy raising that stop. */
class CancellationTest {
    static final Actor ACTOR = DeployEngineContract.ACTOR;

    @TempDir
    Path work;
    Path root;
    StagedRelease staged;
    final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void twentyFiles() throws IOException {
        root = Files.createDirectories(work.resolve("www"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", "<p>twenty");
        for (int i = 0; i < 19; i++) {
            files.put("page" + i + ".html", "<p>" + i);
        }
        staged = new Sites(work).stage(files);
    }

    static DeployOptions options(String id) {
        return new DeployOptions(id, 5, 2, Duration.ofMinutes(5), Duration.ZERO, false);
    }

    /** A local root whose upload raises {@code other}'s failure once {@code after} files are sent. */
    static LocalTransport failingElsewhereAfter(Path root, int after, Cancellation other, AtomicInteger sent) {
        return new LocalTransport(root.toString()) {
            @Override
            public ReleaseUpload beginRelease(String directory) {
                ReleaseUpload real = super.beginRelease(directory);
                return new ReleaseUpload() {
                    @Override
                    public Map<String, Long> send(List<Link> links, List<Upload> files, UploadProgress progress)
                            throws IOException {
                        return real.send(links, files, (count, bytes) -> {
                            sent.set(count);
                            if (count == after) {
                                other.failed();
                            }
                            progress.sent(count, bytes);
                        });
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }
                };
            }
        };
    }

    @Test
    void anotherHostFailingMidUploadStopsThisOneAtTheNextFileAndCleansUp() throws Exception {
        Cancellation fleet = new Cancellation();
        AtomicInteger sent = new AtomicInteger();
        DeployLayout layout = new DeployLayout(root.toString());
        try (LocalTransport transport = failingElsewhereAfter(root, 5, fleet.forHost("host-b"), sent)) {
            Deployer deployer = new Deployer(transport, layout, ACTOR, listener);
            StagedRelease.Reading staging = StagedRelease.Reading.of(staged);
            DeployException e = assertThrows(DeployException.class, () -> deployer.prepare(
                    deployer.lock(staging, options("r1")), staging, options("r1"), fleet.forHost("host-a")));

            assertEquals("deploy failed at uploaded: given up: host-b failed (current is unchanged)",
                    e.getMessage());
            assertTrue(Cancellation.stopped(e));
        }
        // The marker goes first, so file 5 is the fourth page: nothing after it was sent.
        assertEquals(5, sent.get(), "files sent");
        assertFalse(listener.stages.contains(Stage.UPLOADED), listener.lines.toString());
        assertFalse(Files.exists(root.resolve("releases/r1")), "the partial release is removed");
        assertFalse(Files.exists(root.resolve(".zdd/lock")), "the lock is released");
        assertFalse(Files.exists(root.resolve("current")));
    }

    @Test
    void aHostThatFailsOnItsOwnStopsTheOthersAndIsTheOneNamed() throws Exception {
        Files.createDirectory(root.resolve("current"));
        Cancellation fleet = new Cancellation();
        Cancellation other = fleet.forHost("host-b");
        DeployLayout layout = new DeployLayout(root.toString());
        try (LocalTransport transport = new LocalTransport(root.toString())) {
            Deployer deployer = new Deployer(transport, layout, ACTOR, listener);
            StagedRelease.Reading staging = StagedRelease.Reading.of(staged);
            DeployException e = assertThrows(DeployException.class, () -> deployer.prepare(
                    deployer.lock(staging, options("r1")), staging, options("r1"), fleet.forHost("host-a")));
            assertFalse(Cancellation.stopped(e), e.getMessage());
        }
        assertTrue(other.cancelled());
        Cancellation.Cancelled stop = assertThrows(Cancellation.Cancelled.class, other::check);
        assertEquals("given up: host-a failed", stop.getMessage());
        other.failed();
        assertEquals("given up: host-a failed", assertThrows(Cancellation.Cancelled.class, other::check)
                .getMessage(), "the first host to fail stays the one named");
    }

    @Test
    void aSingleTargetsFailureStopsNothingElse() throws Exception {
        Files.createDirectory(root.resolve("current"));
        Cancellation alone = new Cancellation();
        try (LocalTransport transport = new LocalTransport(root.toString())) {
            Deployer deployer = new Deployer(transport, new DeployLayout(root.toString()), ACTOR, listener);
            StagedRelease.Reading staging = StagedRelease.Reading.of(staged);
            assertThrows(DeployException.class, () -> deployer.prepare(deployer.lock(staging, options("r1")),
                    staging, options("r1"), alone));
        }
        assertFalse(alone.cancelled());
    }
}
