package dev.zdd.deploy;

import dev.zdd.deploy.transport.LocalTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "the previous release" is, which a rollback without a name returns to: made with real deploys and rollbacks
 * on a local deploy root, then asked of {@link ReleaseStore#previousGood} and of {@link Rollback} itself.
 */
class PreviousReleaseTest {
    static final Actor ACTOR = new Actor("tester", "testhost", ProcessHandle.current().pid(), null, "1.0", null);
    static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path work;
    Path root;
    Sites sites;
    RecordingListener listener;
    LocalTransport transport;
    DeployLayout layout;
    ReleaseStore store;

    @BeforeEach
    void open() throws Exception {
        root = work.resolve("www");
        Files.createDirectories(root);
        sites = new Sites(work);
        listener = new RecordingListener();
        transport = new LocalTransport(root.toString());
        layout = new DeployLayout(root.toString());
        store = new ReleaseStore(transport, layout);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    void deploy(String id) throws Exception {
        // keep=10: nothing is pruned, so every choice below is made among releases that are all still there.
        new Deployer(transport, layout, ACTOR, listener).deploy(sites.version(id),
                new DeployOptions(id, 10, 2, LEASE, Duration.ZERO, false));
    }

    String rollback(String to) throws Exception {
        return new Rollback(transport, layout, ACTOR, listener).rollback(to, LEASE, Duration.ZERO);
    }

    String previous() throws Exception {
        return store.previousGood(store.currentId(), store.releases());
    }

    @Test
    void theFirstReleaseHasNone() throws Exception {
        deploy("r1");
        assertNull(previous());
    }

    @Test
    void itIsTheReleaseLiveBeforeTheCurrentOneNotTheNewestOlderId() throws Exception {
        deploy("r1");
        deploy("r2");
        deploy("r3");
        rollback("r1");
        deploy("r4");
        // r4 replaced r1; r2 has the newest id below r4, but r4's users were last served r1.
        assertEquals("r1", previous());
        assertEquals("r1", rollback(null));
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
    }

    @Test
    void aReleaseRolledBackFromIsNeverChosen() throws Exception {
        deploy("r1");
        deploy("r2");
        deploy("r3");
        assertEquals("r2", rollback(null));
        // The newest log line that made r2 live is the rollback that left r3: r3 is the bad one, r1 came before r2.
        assertEquals("r1", previous());
        assertEquals(Set.of("r3"), ReleaseStore.rolledBackFrom(store.log().entries()));
    }

    @Test
    void aReleaseRolledBackFromIsSkippedAlsoWhenTheLogDoesNotNameThePrevious() throws Exception {
        deploy("r1");
        deploy("r2");
        deploy("r3");
        rollback("r1");
        deploy("r5");
        // The release r5 replaced was deleted by hand: the choice falls back to the newest usable id below r5.
        transport.removeTree(layout.release("r1"));
        assertEquals("r2", previous(), "not r3, which was rolled back from");
    }

    @Test
    void aRollForwardDoesNotCondemnTheReleaseItLeaves() throws Exception {
        deploy("r1");
        deploy("r2");
        assertEquals("r1", rollback(null));
        assertEquals(Set.of("r2"), ReleaseStore.rolledBackFrom(store.log().entries()));
        // Back to r2 by name (r2 was fine after all): r2 is good again, and leaving r1 for a newer release says
        // nothing against r1.
        assertEquals("r2", rollback("r2"));
        assertEquals(Set.of(), ReleaseStore.rolledBackFrom(store.log().entries()));
        assertEquals("r1", previous());
    }

    @Test
    void anIncompleteReleaseIsSkipped() throws Exception {
        deploy("r1");
        deploy("r2");
        deploy("r3");
        // A prune cut short removes release.json first: r2 can no longer be trusted to be whole.
        Files.delete(root.resolve("releases/r2/.zdd/release.json"));
        assertEquals("r1", previous());
        assertEquals("r1", rollback(null));
    }

    @Test
    void aDamagedReleaseIsSkippedByTheRollbackWithAWarning() throws Exception {
        deploy("r1");
        deploy("r2");
        deploy("r3");
        Files.delete(root.resolve("releases/r2/about/index.html"));
        assertEquals("r2", previous(), "the log alone cannot know; the rollback checks the files");
        assertEquals("r1", rollback(null));
        assertTrue(listener.lines.stream().anyMatch(l -> l.startsWith("WARN zdd: skipping release r2, which is"
                + " damaged") && l.contains("about/index.html is missing")), listener.lines.toString());
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
    }
}
