package dev.zdd.deploy;

import dev.zdd.testing.Readme;
import dev.zdd.testing.StageHook;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.manifest.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every transport must get right, run against each: a local folder, SSH with exec, SFTP alone. The deploy
 * root is on this machine in every case, so the tests look at it directly.
 */
abstract class DeployEngineContract {
    static final Actor ACTOR = new Actor("tester", "testhost", ProcessHandle.current().pid(),
            "0123456789abcdef0123456789abcdef01234567", "1.0", null);
    static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path work;
    Path root;
    Sites sites;
    RecordingListener listener;

    /** A transport to {@link #root}, opened anew for each call (as each Maven goal does). */
    abstract Transport open() throws IOException;

    /** The deploy root's name; transports that quote must cope with any of these characters. */
    String rootName() {
        return "site root";
    }

    @BeforeEach
    void prepare() throws IOException {
        root = work.resolve(rootName());
        Files.createDirectories(root);
        sites = new Sites(work);
        listener = new RecordingListener();
    }

    DeployLayout layout() {
        return new DeployLayout(root.toString());
    }

    DeployPlan deploy(StagedRelease staged, String id) throws Exception {
        return deploy(staged, new DeployOptions(id, 5, 2, LEASE, Duration.ZERO, false));
    }

    DeployPlan deploy(StagedRelease staged, DeployOptions options) throws Exception {
        try (Transport transport = open()) {
            return new Deployer(transport, layout(), ACTOR, listener).deploy(staged, options);
        }
    }

    String current() throws IOException {
        return Files.readSymbolicLink(root.resolve("current")).toString();
    }

    List<String> releaseDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve("releases"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Object inode(Path file) throws IOException {
        return Files.getAttribute(file, "unix:ino");
    }

    @Test
    void firstDeployPublishesAVerifiedReleaseAndLogsIt() throws Exception {
        StagedRelease staged = sites.version("v1");
        DeployPlan plan = deploy(staged, "r1");
        assertEquals("releases/r1", current());
        assertEquals(staged.manifest().files().size(), plan.send().size());
        for (String path : staged.manifest().files().keySet()) {
            assertEquals(Files.readString(staged.file(path)), Files.readString(root.resolve("current/" + path)));
        }
        assertTrue(Files.isRegularFile(root.resolve("current/.zdd/manifest.json")));
        assertFalse(Files.exists(root.resolve("releases/r1/.zdd/incomplete")));
        String info = Files.readString(root.resolve("releases/r1/.zdd/release.json"));
        assertTrue(info.contains("\"id\":\"r1\"") && info.contains("\"gitSha\":\"" + ACTOR.gitSha() + "\"")
                && info.contains("\"who\":\"tester@testhost\"") && info.contains("\"files\":5"), info);
        String log = Files.readString(root.resolve(".zdd/deploys.jsonl"));
        assertTrue(log.contains("\"action\":\"deploy\",\"release\":\"r1\"") && log.contains("\"outcome\":\"success\""),
                log);
        assertFalse(Files.exists(root.resolve(".zdd/lock")), "the lock is released");
        assertEquals(List.of(Stage.STARTED, Stage.LOCKED, Stage.PLANNED, Stage.UPLOADED, Stage.VERIFIED,
                Stage.PUBLISHED, Stage.LOGGED, Stage.PRUNED, Stage.FINISHED), listener.stages);
    }

    @Test
    void unchangedFilesAreHardLinkedAndOnlyChangedOnesTravel() throws Exception {
        deploy(sites.version("v1"), "r1");
        StagedRelease v2 = sites.version("v2");
        DeployPlan plan = deploy(v2, "r2");
        String css = v2.manifest().paths().get("css/app.css");
        assertEquals(List.of(css, "index.html"), plan.send(), "the CSS changed, and the page that names it");
        assertEquals(3, plan.reuse().size());
        String logo = v2.manifest().paths().get("img/logo.png");
        assertEquals(inode(root.resolve("releases/r1/" + logo)), inode(root.resolve("releases/r2/" + logo)),
                "unchanged: same inode");
        assertNotEquals(inode(root.resolve("releases/r1/index.html")), inode(root.resolve("releases/r2/index.html")));
        assertTrue(Files.readString(root.resolve("releases/r1/index.html")).contains(
                sites.version("v1").manifest().paths().get("css/app.css")), "the old release was not written into");
        try (Transport transport = open()) {
            assertEquals("r1", new ReleaseStore(transport, layout()).log().entries().get(1).previous());
        }
    }

    @Test
    void hashedAssetsOfRecentReleasesAreCarriedOverThenDropped() throws Exception {
        String css1 = sites.version("v1").manifest().paths().get("css/app.css");
        deploy(sites.version("v1"), "r1");
        deploy(sites.version("v2"), "r2");
        deploy(sites.version("v3"), "r3");
        assertTrue(Files.isRegularFile(root.resolve("releases/r2/" + css1)), "r1's CSS still served by r2");
        assertTrue(Files.isRegularFile(root.resolve("releases/r3/" + css1)), "and by r3 (carry-over of 2)");
        deploy(sites.version("v4"), "r4");
        assertFalse(Files.exists(root.resolve("releases/r4/" + css1)), "beyond two releases it is dropped");
        String css3 = sites.version("v3").manifest().paths().get("css/app.css");
        assertTrue(Files.isRegularFile(root.resolve("releases/r4/" + css3)));
    }

    @Test
    void pruningKeepsGoodReleasesAndRemovesFailedOnes() throws Exception {
        Files.createDirectories(root.resolve("releases/r0-crashed/.zdd"));
        Files.writeString(root.resolve("releases/r0-crashed/.zdd/incomplete"), "crashed");
        DeployOptions keepTwo = new DeployOptions("r1", 2, 2, LEASE, Duration.ZERO, false);
        deploy(sites.version("v1"), keepTwo);
        assertEquals(List.of("r1"), releaseDirs(), "the crashed upload is removed");
        for (String id : List.of("r2", "r3", "r4")) {
            deploy(sites.version(id), new DeployOptions(id, 2, 2, LEASE, Duration.ZERO, false));
        }
        assertEquals(List.of("r3", "r4"), releaseDirs());
        assertEquals("releases/r4", current());
    }

    @Test
    void rollbackSwapsBackAndDeletesNothing() throws Exception {
        deploy(sites.version("v1"), "r1");
        deploy(sites.version("v2"), "r2");
        try (Transport transport = open()) {
            assertEquals("r1", new Rollback(transport, layout(), ACTOR, listener).rollback(null, LEASE, Duration.ZERO));
        }
        assertEquals("releases/r1", current());
        assertEquals(List.of("r1", "r2"), releaseDirs());
        try (Transport transport = open()) {
            assertEquals("r2", new Rollback(transport, layout(), ACTOR, listener).rollback("r2", LEASE,
                    Duration.ZERO));
            DeployException unknown = assertThrows(DeployException.class, () -> new Rollback(transport, layout(),
                    ACTOR, listener).rollback("r9", LEASE, Duration.ZERO));
            assertTrue(unknown.getMessage().contains("release r9 does not exist"), unknown.getMessage());
            List<String> table = ReleaseTable.lines(new ReleaseStore(transport, layout()), 10);
            assertTrue(table.stream().anyMatch(l -> l.startsWith("*  r2")), table.toString());
            assertTrue(table.stream().anyMatch(l -> l.startsWith("<  r1")), table.toString());
            assertTrue(table.stream().anyMatch(l -> l.contains("rollback r1 (from r2)  success")), table.toString());
        }
        assertEquals("releases/r2", current());
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
    }

    @Test
    void aDamagedReleaseIsNeverMadeLiveByARollback() throws Exception {
        deploy(sites.version("v1"), "r1");
        deploy(sites.version("v2"), "r2");
        Files.delete(root.resolve("releases/r1/index.html"));
        try (Transport transport = open()) {
            DeployException skipped = assertThrows(DeployException.class, () -> new Rollback(transport, layout(),
                    ACTOR, listener).rollback(null, LEASE, Duration.ZERO));
            assertTrue(skipped.getMessage().contains("skipped as damaged: r1 (1 of ")
                    && skipped.getMessage().contains("index.html is missing"), skipped.getMessage());
            DeployException named = assertThrows(DeployException.class, () -> new Rollback(transport, layout(),
                    ACTOR, listener).rollback("r1", LEASE, Duration.ZERO));
            assertEquals(Stage.VERIFIED, named.stage());
            assertTrue(named.getMessage().contains("release r1") && named.getMessage().contains("is damaged")
                    && named.getMessage().contains("index.html is missing"), named.getMessage());
            List<String> table = ReleaseTable.lines(new ReleaseStore(transport, layout()), 10);
            assertTrue(table.stream().anyMatch(l -> l.contains("rollback (no release chosen) (from r2)  failed at"
                    + " planned: there is no earlier release")), String.join("\n", table));
            assertTrue(table.stream().anyMatch(l -> l.contains("rollback r1 (from r2)  failed at verified: release r1")),
                    String.join("\n", table));
            assertTrue(table.stream().anyMatch(l -> l.startsWith("*  r2") && l.contains(" 0123456 ")),
                    "SHAs as short as in release ids: " + String.join("\n", table));
        }
        assertEquals("releases/r2", current());
    }

    @Test
    void aSecondRollbackGoesFurtherBackInsteadOfReturningToTheBadRelease() throws Exception {
        deploy(sites.version("v1"), "r1");
        deploy(sites.version("v2"), "r2");
        deploy(sites.version("v3"), "r3");
        try (Transport transport = open()) {
            assertEquals("r2", new Rollback(transport, layout(), ACTOR, listener).rollback(null, LEASE, Duration.ZERO));
            assertEquals("r1", new Rollback(transport, layout(), ACTOR, listener).rollback(null, LEASE, Duration.ZERO));
            List<String> table = ReleaseTable.lines(new ReleaseStore(transport, layout()), 10);
            assertTrue(table.stream().anyMatch(l -> l.startsWith("   r3") && l.endsWith("rolled back from")),
                    table.toString());
            DeployException none = assertThrows(DeployException.class, () -> new Rollback(transport, layout(), ACTOR,
                    listener).rollback(null, LEASE, Duration.ZERO));
            assertTrue(none.getMessage().contains("no earlier release"), none.getMessage());
            // Named, the bad release comes back; it is then live, so no longer "rolled back from".
            assertEquals("r3", new Rollback(transport, layout(), ACTOR, listener).rollback("r3", LEASE, Duration.ZERO));
            assertEquals("r1", new ReleaseStore(transport, layout()).previousGood("r3",
                    new ReleaseStore(transport, layout()).releases()));
        }
        assertEquals("releases/r3", current());
    }

    @Test
    void aRollbackThatWaitedWhileTheLiveReleaseChangedIsRefused() throws Exception {
        deploy(sites.version("v1"), "r1");
        deploy(sites.version("v2"), "r2");
        Actor other = new Actor("alice", "laptop", 99, null, null, null);
        DeployLock held;
        try (Transport transport = open()) {
            held = new DeployLock(transport, layout());
            held.acquire(other, LEASE, Duration.ZERO, "deploy r3", s -> { });
            java.util.concurrent.CompletableFuture<Object> rollback = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try (Transport own = open()) {
                            return new Rollback(own, layout(), ACTOR, listener).rollback(null, LEASE,
                                    Duration.ofSeconds(30));
                        } catch (Exception e) {
                            return e;
                        }
                    });
            // The rollback was asked while r2 was live; a deploy holding the lock then makes r3 live.
            long deadline = System.currentTimeMillis() + 10_000;
            while (listener.lines.stream().noneMatch(l -> l.contains("waiting up to 30 s for the lock held by alice@laptop")) && System.currentTimeMillis()
                    < deadline) {
                Thread.sleep(20);
            }
            deploySwapOnly(transport, "r3", sites.version("v3"));
            held.release();
            Object result = rollback.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(result instanceof DeployException, String.valueOf(result));
            String message = ((DeployException) result).getMessage();
            assertTrue(message.contains("changed from r2 to r3") && message.contains("nothing was rolled back"),
                    message);
        }
        assertEquals("releases/r3", current());
    }

    /** What a deploy holding the lock does to current: a new release goes live. */
    private void deploySwapOnly(Transport transport, String id, StagedRelease staged) throws Exception {
        Path release = root.resolve("releases").resolve(id);
        try (Stream<Path> files = Files.walk(staged.folder())) {
            for (Path file : files.toList()) {
                Path copy = release.resolve(staged.folder().relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Files.writeString(release.resolve(".zdd/release.json"), "{\"id\":\"" + id + "\"}");
        transport.swapSymlink(layout().current(), layout().linkTarget(id));
    }

    @Test
    void aHeldLockFailsFastNamingItsOwnerAndLeavesCurrentAlone() throws Exception {
        deploy(sites.version("v1"), "r1");
        Actor other = new Actor("alice", "laptop", 99, null, null, null);
        try (Transport transport = open()) {
            new DeployLock(transport, layout()).acquire(other, LEASE, Duration.ZERO, "deploy x", s -> { });
        }
        DeployException e = assertThrows(DeployException.class, () -> deploy(sites.version("v2"), "r2"));
        assertEquals(Stage.LOCKED, e.stage());
        assertTrue(e.getMessage().contains("locked by alice@laptop (pid 99, deploy x)"), e.getMessage());
        assertTrue(e.getMessage().contains("run: mvn zdd:unlock -Dzdd.target='") && e.getMessage().endsWith("'"
                + " -Dzdd.force=true"), "the whole command, ready to paste: " + e.getMessage());
        Readme.assertTroubleshooting("is locked by", e.getMessage());
        assertEquals("releases/r1", current());
        assertEquals(List.of("r1"), releaseDirs());
        assertTrue(Files.exists(root.resolve(".zdd/lock/owner.json")), "someone else's lock is not released");
    }

    @Test
    void anExpiredLeaseIsBroken() throws Exception {
        Actor crashed = new Actor("bob", "ci", 7, null, null, null);
        try (Transport transport = open()) {
            new DeployLock(transport, layout()).acquire(crashed, Duration.ofMillis(1), Duration.ZERO, "deploy",
                    s -> { });
        }
        Thread.sleep(20);
        deploy(sites.version("v1"), "r1");
        assertEquals("releases/r1", current());
        assertTrue(listener.lines.stream().anyMatch(l -> l.contains("breaking the expired lock of bob@ci")),
                listener.lines.toString());
    }

    @Test
    void aLockOfAProcessOfThisHostThatNoLongerRunsIsBrokenAtOnce() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Actor interrupted = new Actor("tester", ACTOR.host(), ended.pid(), null, null, null);
        try (Transport transport = open()) {
            new DeployLock(transport, layout()).acquire(interrupted, LEASE, Duration.ZERO, "deploy", s -> { });
        }
        deploy(sites.version("v1"), "r1");
        assertEquals("releases/r1", current());
        assertTrue(listener.lines.stream().anyMatch(l -> l.contains("that process no longer runs")),
                listener.lines.toString());
    }

    @Test
    void aRealCurrentFolderIsRefusedBeforeAnythingIsUploaded() throws Exception {
        Files.createDirectories(root.resolve("current"));
        Files.writeString(root.resolve("current/index.html"), "hand-copied");
        DeployException e = assertThrows(DeployException.class, () -> deploy(sites.version("v1"), "r1"));
        assertTrue(e.getMessage().contains("is a real directory, not a symbolic link"), e.getMessage());
        assertEquals("hand-copied", Files.readString(root.resolve("current/index.html")));
        assertFalse(Files.exists(root.resolve("releases/r1")));
        String log = Files.readString(root.resolve(".zdd/deploys.jsonl"));
        assertTrue(log.contains("\"outcome\":\"failed\",\"stage\":\"planned\""), log);
        Readme.assertTroubleshooting("not a symbolic link", e.getMessage());

        // The README's fix, then the deploy goes through.
        Files.createDirectories(root.resolve("releases"));
        Files.move(root.resolve("current"), root.resolve("releases/manual"));
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/manual"));
        deploy(sites.version("v1"), "r1");
        assertEquals("releases/r1", current());
    }

    @Test
    void aDryRunPlansFromTheServerAndChangesNothing() throws Exception {
        deploy(sites.version("v1"), "r1");
        String log = Files.readString(root.resolve(".zdd/deploys.jsonl"));
        DeployPlan plan = deploy(sites.version("v2"), new DeployOptions("r2", 5, 2, LEASE, Duration.ZERO, true));
        assertEquals(2, plan.send().size());
        assertEquals("r1", plan.liveId());
        assertEquals(List.of("r1"), releaseDirs());
        assertEquals("releases/r1", current());
        assertEquals(log, Files.readString(root.resolve(".zdd/deploys.jsonl")));
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
    }

    /** Whether the transport can hash files on the target (SFTP alone cannot). */
    boolean canHash() {
        return true;
    }

    @Test
    void digestVerificationCatchesAFileChangedAfterHashingWithItsSizeKept() throws Exception {
        StagedRelease staged = sites.version("v1");
        Files.writeString(staged.file("index.html"), Files.readString(staged.file("index.html"))
                .replace("home", "HOME"));
        DeployOptions digests = new DeployOptions("r1", 5, 2, LEASE, Duration.ZERO, false, true);
        if (!canHash()) {
            deploy(staged, digests);
            assertTrue(listener.lines.stream().anyMatch(l -> l.contains("cannot hash files; verified by file sizes")),
                    listener.lines.toString());
            return;
        }
        DeployException e = assertThrows(DeployException.class, () -> deploy(staged, digests));
        assertEquals(Stage.VERIFIED, e.stage());
        assertTrue(e.getMessage().contains("index.html has SHA-256 ") && e.getMessage().contains("current is unchanged"),
                e.getMessage());
        assertFalse(Files.exists(root.resolve("current")));
        assertFalse(Files.exists(root.resolve("releases/r1")), "the failed release is removed");
        deploy(sites.version("v1"), new DeployOptions("r2", 5, 2, LEASE, Duration.ZERO, false, true));
        assertTrue(listener.lines.stream().anyMatch(l -> l.contains("(sizes and SHA-256 of what was sent)")));
    }

    @Test
    void anExistingReleaseIdIsRefused() throws Exception {
        deploy(sites.version("v1"), "r1");
        DeployException e = assertThrows(DeployException.class, () -> deploy(sites.version("v2"), "r1"));
        assertTrue(e.getMessage().contains("release r1 already exists"), e.getMessage());
        assertEquals("releases/r1", current());
    }

    @Test
    void theManifestTravelsAndDescribesTheLiveRelease() throws Exception {
        StagedRelease staged = sites.version("v1");
        deploy(staged, "r1");
        assertEquals(Files.readString(staged.file(Manifest.LOCATION)),
                new String(Files.readAllBytes(root.resolve("current/.zdd/manifest.json")), StandardCharsets.UTF_8));
        try (Transport transport = open()) {
            assertEquals(staged.manifest(), new ReleaseStore(transport, layout()).manifest("r1"));
            assertNull(new ReleaseStore(transport, layout()).manifest("nope"));
        }
    }

    @Test
    void aBegunReleaseChangesNothingUntilSentAndNeverWritesIntoAnExistingFolder() throws Exception {
        String dir = root + "/releases/r1";
        List<Transport.Upload> files = List.of(Transport.Upload.bytes("a/b.txt", "hi".getBytes(StandardCharsets.UTF_8)));
        try (Transport transport = open()) {
            transport.createDirectories(root + "/releases");
            try (Transport.ReleaseUpload unused = transport.beginRelease(dir)) {
                Thread.sleep(300); // long enough for a command on the server to have started and be waiting
                assertFalse(Files.exists(Path.of(dir)));
            }
            Thread.sleep(300);
            assertFalse(Files.exists(Path.of(dir)), "closing without sending changes nothing");
            try (Transport.ReleaseUpload upload = transport.beginRelease(dir)) {
                assertEquals(Map.of("a/b.txt", 2L), upload.send(List.of(), files, Transport.UploadProgress.NONE));
            }
            assertEquals("hi", Files.readString(Path.of(dir, "a/b.txt")));
            List<Transport.Upload> other = List.of(Transport.Upload.bytes("a/b.txt",
                    "changed".getBytes(StandardCharsets.UTF_8)));
            try (Transport.ReleaseUpload upload = transport.beginRelease(dir)) {
                assertThrows(IOException.class, () -> upload.send(List.of(), other, Transport.UploadProgress.NONE));
            }
        }
        assertEquals("hi", Files.readString(Path.of(dir, "a/b.txt")), "an existing folder is not written into");
    }

    @Test
    void hardLinksWithOddNamesFromSeveralReleasesAndUnderOtherNamesAreMade() throws Exception {
        List<String> odd = List.of("-starts-with-dash", "new\nline.txt", "sp ace/ü ñ.txt", "it's $(x) `y` & *?[z]",
                "deep/er/still/f.css");
        Path r0 = root.resolve("releases/r0");
        Path old = root.resolve("releases/old.1");
        for (String name : odd) {
            Files.createDirectories(r0.resolve(name).getParent());
            Files.writeString(r0.resolve(name), "r0:" + name);
        }
        Files.createDirectories(old.resolve("img"));
        Files.writeString(old.resolve("img/a.png"), "old");
        List<Transport.Link> links = new ArrayList<>();
        for (String name : odd) {
            links.add(new Transport.Link(r0 + "/" + name, name));
        }
        links.add(new Transport.Link(old + "/img/a.png", "img/a.png"));
        links.add(new Transport.Link(old + "/img/a.png", "renamed/b.png"));
        links.add(new Transport.Link(r0 + "/deep/er/still/f.css", "g.css"));
        List<Transport.Upload> files = List.of(Transport.Upload.bytes("deep/er/sent.txt",
                "sent".getBytes(StandardCharsets.UTF_8)));
        Map<String, Long> sizes;
        try (Transport transport = open()) {
            try (Transport.ReleaseUpload upload = transport.beginRelease(root + "/releases/r1")) {
                sizes = upload.send(links, files, Transport.UploadProgress.NONE);
            }
        }
        Path r1 = root.resolve("releases/r1");
        for (Transport.Link link : links) {
            assertEquals(inode(Path.of(link.existing())), inode(r1.resolve(link.path())), link.path());
            assertEquals(Files.size(Path.of(link.existing())), sizes.get(link.path()), link.path());
        }
        assertEquals("sent", Files.readString(r1.resolve("deep/er/sent.txt")));
        assertEquals(links.size() + files.size(), sizes.size(), "nothing else is there: " + sizes.keySet());
    }

    /** Deploys a and b at the same moment, each with its own connection; the outcome (or failure) of each. */
    private Map<String, Throwable> deployAtOnce(Duration lockWait) throws Exception {
        Map<String, Throwable> outcome = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (String id : List.of("ra", "rb")) {
            StagedRelease staged = sites.version(id);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    deploy(staged, new DeployOptions(id, 5, 2, LEASE, lockWait, false));
                    outcome.put(id, new Throwable("ok"));
                } catch (Throwable t) {
                    outcome.put(id, t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return outcome;
    }

    @Test
    void aDeployStartedWhileAnotherHoldsTheLockFailsNamingTheOwnerAndTouchesNothing() throws Exception {
        StagedRelease first = sites.version("ra");
        StagedRelease second = sites.version("rb");
        AtomicReference<Throwable> refused = new AtomicReference<>();
        // The second deploy runs, on its own connection, exactly while the first holds the lock.
        DeployListener midway = StageHook.after(listener, stage -> {
            if (stage == Stage.LOCKED && refused.get() == null) {
                try {
                    deploy(second, "rb");
                    refused.set(new AssertionError("the second deploy went through while the lock was held"));
                } catch (Throwable t) {
                    refused.set(t);
                }
            }
        });
        try (Transport transport = open()) {
            new Deployer(transport, layout(), ACTOR, midway).deploy(first, new DeployOptions("ra", 5, 2, LEASE,
                    Duration.ZERO, false));
        }
        Throwable e = refused.get();
        assertTrue(e instanceof DeployException, String.valueOf(e));
        assertEquals(Stage.LOCKED, ((DeployException) e).stage());
        assertTrue(e.getMessage().contains("locked by tester@testhost"), e.getMessage());
        assertEquals("releases/ra", current());
        assertFalse(Files.exists(root.resolve("releases/rb")), "the refused deploy left nothing");
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
        assertEquals(1, Files.readString(root.resolve(".zdd/deploys.jsonl")).lines().count(),
                "only the deploy that ran is logged");
    }

    @Test
    void withALockWaitTheSecondDeployWaitsForTheFirst() throws Exception {
        Map<String, Throwable> outcome = deployAtOnce(Duration.ofSeconds(60));
        assertTrue(outcome.values().stream().allMatch(t -> "ok".equals(t.getMessage())), outcome.toString());
        List<DeployLog.Entry> log;
        try (Transport transport = open()) {
            log = new ReleaseStore(transport, layout()).log().entries();
        }
        assertEquals(2, log.size(), log.toString());
        assertEquals("releases/" + log.get(1).release(), current(), "the one that waited went live last");
        assertEquals(log.get(0).release(), log.get(1).previous(), "and replaced the first, which was live by then");
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
    }

    @Test
    void aFileMissingFromTheLiveReleaseFailsTheDeployBeforeTheSwap() throws Exception {
        deploy(sites.version("v1"), "r1");
        StagedRelease v2 = sites.version("v2");
        String logo = v2.manifest().paths().get("img/logo.png");
        Files.delete(root.resolve("releases/r1/" + logo));
        DeployException e = assertThrows(DeployException.class, () -> deploy(v2, "r2"));
        assertTrue(e.stage().compareTo(Stage.PUBLISHED) < 0, e.stage() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(logo) && e.getMessage().contains("current is unchanged"), e.getMessage());
        assertEquals("releases/r1", current());
        assertEquals(List.of("r1"), releaseDirs(), "the failed release is removed");
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
    }

    /** How many files of {@code files} the transport may have begun before it noticed a stop (SFTP sends 8 at once). */
    int filesInFlight() {
        return 1;
    }

    @Test
    void anUploadStoppedFromItsProgressCallbackSendsNothingMoreAndFailsWithThatStop() throws Exception {
        List<Transport.Upload> files = new ArrayList<>();
        byte[] page = new byte[64 * 1024];
        for (int i = 0; i < 60; i++) {
            files.add(Transport.Upload.bytes("f/" + i + ".bin", page));
        }
        IOException stop = new IOException("stopped after file 3");
        String directory = layout().release("stopped");
        IOException e;
        try (Transport transport = open()) {
            transport.createDirectories(layout().releases());
            try (Transport.ReleaseUpload release = transport.beginRelease(directory)) {
                e = assertThrows(IOException.class, () -> release.send(List.of(), files, (count, bytes) -> {
                    if (count == 3) {
                        throw stop;
                    }
                }));
            }
        }
        boolean found = false;
        for (Throwable t = e; t != null && !found; t = t.getCause()) {
            found = t == stop;
        }
        assertTrue(found, "the stop is the failure or its cause: " + e);
        long arrived = 0;
        Path release = root.resolve("releases/stopped/f");
        if (Files.isDirectory(release)) {
            try (Stream<Path> list = Files.list(release)) {
                arrived = list.count();
            }
        }
        assertTrue(arrived <= 3 + filesInFlight(), arrived + " of " + files.size() + " files arrived");
    }
}
