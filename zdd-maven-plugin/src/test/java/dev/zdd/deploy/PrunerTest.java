package dev.zdd.deploy;

import dev.zdd.deploy.transport.LocalTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which releases a deploy prunes, read from a real deploy root on disk through {@link LocalTransport} and
 * {@link ReleaseStore}, and chosen as the planner chooses: the new release is both "current" and "deploying", and
 * the release live now is the one a rollback would return to.
 */
class PrunerTest {
    @TempDir
    Path root;
    LocalTransport transport;
    DeployLayout layout;
    DeployLog log;
    String lastLive;

    @BeforeEach
    void open() {
        transport = new LocalTransport(root.toString());
        layout = new DeployLayout(root.toString());
        log = new DeployLog(transport, layout);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    /** A complete release that a deploy made live: folder, release.json, a success line in the log, current. */
    void deployed(String id) throws IOException {
        release(id);
        logged("deploy", id, lastLive, "success");
        live(id);
    }

    void release(String id) throws IOException {
        Path dir = root.resolve("releases").resolve(id);
        Files.createDirectories(dir.resolve(".zdd"));
        Files.writeString(dir.resolve("index.html"), "<p>" + id);
        Files.writeString(dir.resolve(".zdd/release.json"), "{\"id\":\"" + id + "\"}\n");
    }

    void logged(String action, String id, String previous, String outcome) throws IOException {
        log.append(new DeployLog.Entry(Instant.now().toString(), action, id, previous, null, "t@h", outcome,
                "finished", 1, null));
    }

    void live(String id) throws IOException {
        transport.swapSymlink(layout.current(), layout.linkTarget(id));
        lastLive = id;
    }

    /** What a deploy of {@code newId} with {@code keep} would prune, as {@link Planner} asks it. */
    List<String> pruneForDeployOf(String newId, int keep) throws Exception {
        ReleaseStore store = new ReleaseStore(transport, layout);
        return Pruner.choose(store.releases(), newId, newId, store.currentId(), keep);
    }

    @Test
    void keepsTheNewestLiveReleasesCountingTheNewOneAndRemovesTheOldest() throws Exception {
        for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
            deployed(id);
        }
        assertEquals(List.of("r1", "r2", "r3"), pruneForDeployOf("r6", 3), "keeps r6, r5, r4");
        assertEquals(List.of("r1", "r2", "r3", "r4"), pruneForDeployOf("r6", 1),
                "keep=1 still keeps the live r5: the release a rollback returns to");
        assertEquals(List.of(), pruneForDeployOf("r6", 10));
    }

    @Test
    void orderIsByIdNeverByFolderTime() throws Exception {
        // Made newest first and with the oldest id touched last: a copy or restore of the root (rsync without -t,
        // a backup) gives folders times that say nothing about their order.
        List<String> ids = List.of("20261201T100000.000Z", "20261202T100000.000Z", "20261203T100000.000Z",
                "20261204T100000.000Z");
        for (int i = ids.size() - 1; i >= 0; i--) {
            release(ids.get(i));
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < ids.size(); i++) {
            Files.setLastModifiedTime(root.resolve("releases").resolve(ids.get(i)),
                    FileTime.fromMillis(now - i * 86_400_000L));
        }
        for (String id : ids) {
            logged("deploy", id, lastLive, "success");
            live(id);
        }
        assertEquals(List.of(ids.get(0), ids.get(1)), pruneForDeployOf("20261205T100000.000Z", 3),
                "keeps the new release and the two newest ids, not the two newest folders");
    }

    @Test
    void theLiveReleaseIsKeptHoweverOldAfterARollbackToIt() throws Exception {
        for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
            deployed(id);
        }
        // zdd:rollback -Dzdd.release=r1: the oldest release is live, and the deploy's rollback returns to it.
        logged("rollback", "r1", "r5", "success");
        live("r1");
        assertEquals(List.of("r2", "r3"), pruneForDeployOf("r6", 2), "keeps r6 and r4 as the two good ones, r1"
                + " (live), and r5, which the rollback left and which takes no good release's place");
    }

    @Test
    void failedAndIncompleteReleasesNeverCountTowardsKeepAndAreRemoved() throws Exception {
        deployed("r1");
        deployed("r2");
        // r3 was live once, but a prune cut short took its release.json: it can no longer be made live.
        deployed("r3");
        Files.delete(root.resolve("releases/r3/.zdd/release.json"));
        logged("rollback", "r2", "r3", "success");
        live("r2");
        // r4 was verified but its switch failed: complete, never live.
        release("r4");
        logged("deploy", "r4", "r2", "failed");
        // r5's upload was killed: the incomplete marker is still there.
        release("r5");
        Files.writeString(root.resolve("releases/r5/.zdd/incomplete"), "");
        // r6 has a folder and nothing else (a crash before release.json was written), and no log line.
        Files.createDirectories(root.resolve("releases/r6"));

        assertEquals(List.of("r3", "r4", "r5", "r6"), pruneForDeployOf("r7", 3),
                "keeps r7, r2 (live) and r1: none of the newer broken ones may push r1 out");
    }

    @Test
    void aReleaseThatWasRolledBackFromTakesNoPlaceAGoodOneNeeds() throws Exception {
        for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
            deployed(id);
        }
        // r5 was bad: the rollback left it for r4, so a later rollback never returns to it.
        logged("rollback", "r4", "r5", "success");
        live("r4");
        assertEquals(List.of("r1", "r2"), pruneForDeployOf("r6", 3),
                "keeps r6, r4 and r3 as the three good ones, and r5 (newer than them) without counting it");
        assertEquals(List.of("r1", "r2", "r3"), pruneForDeployOf("r6", 2), "keep=2: r6 and r4, and r5 because it"
                + " is newer than r4");
        deployed("r6");
        deployed("r7");
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), pruneForDeployOf("r8", 3),
                "r5 goes once it is older than every good release kept (r8, r7, r6)");
    }
}
