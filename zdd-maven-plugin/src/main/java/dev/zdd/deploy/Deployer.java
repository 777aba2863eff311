package dev.zdd.deploy;

import dev.zdd.hasher.text.ByteSize;
import dev.zdd.hasher.manifest.ManifestJson;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deploy, stage by stage, in two steps so that several targets can be prepared before any goes live:
 * {@link #prepare} locks, plans, uploads into {@code releases/<id>/} (unchanged files hard-linked from the live
 * release, hashed assets of recent releases carried over) and verifies on the server; {@link Prepared#publish}
 * makes the release live through the {@link Publisher}, logs, prunes and unlocks; {@link Prepared#close} without
 * publishing aborts. Any failure before publishing leaves the live release as it was.
 */
public final class Deployer {
    private final Transport transport;
    private final DeployLayout layout;
    private final ReleaseStore store;
    private final Actor actor;
    private final DeployListener listener;
    private final Publisher publisher;

    public Deployer(Transport transport, DeployLayout layout, Actor actor, DeployListener listener,
                    Publisher publisher) {
        this.transport = transport;
        this.layout = layout;
        this.store = new ReleaseStore(transport, layout);
        this.actor = actor;
        this.listener = listener;
        this.publisher = publisher;
    }

    /** A site deploy: publishing swaps {@code current}. */
    public Deployer(Transport transport, DeployLayout layout, Actor actor, DeployListener listener) {
        this(transport, layout, actor, listener, new SymlinkPublisher(transport, layout));
    }

    /** @return the plan carried out (or, for a dry run, the plan alone) */
    public DeployPlan deploy(StagedRelease staged, DeployOptions options) throws IOException, DeployException {
        return deploy(StagedRelease.Reading.of(staged), options);
    }

    /**
     * Prepares and publishes a staged folder whose read may still be running: the engine reads the server's
     * state meanwhile.
     *
     * @return the plan carried out (or, for a dry run, the plan alone)
     */
    public DeployPlan deploy(StagedRelease.Reading staging, DeployOptions options)
            throws IOException, DeployException {
        try (Prepared prepared = prepare(staging, options)) {
            if (!options.dryRun()) {
                prepared.publish();
            }
            return prepared.plan();
        }
    }

    /**
     * Locks, plans, uploads and verifies. The lock stays held until the result is published or closed; on
     * failure the partial release is removed, the failure logged and the lock released before this throws.
     */
    public Prepared prepare(StagedRelease.Reading staging, DeployOptions options)
            throws IOException, DeployException {
        return prepare(lock(staging, options), staging, options);
    }

    /**
     * Takes the target's lock for a deploy of {@code staging}: the first step of {@link #prepare}, on its own so
     * that a fleet can lock its hosts one by one in a fixed order before preparing them all at once.
     */
    public Locked lock(StagedRelease.Reading staging, DeployOptions options) throws IOException, DeployException {
        long started = System.currentTimeMillis();
        String id = options.releaseId();
        listener.stage(Stage.STARTED, "deploying " + staging.folder() + " to " + transport.describe() + " as "
                + id);
        DeployLock lock = new DeployLock(transport, layout);
        Transport.ReleaseUpload release = null;
        try {
            // Begun before the lock is taken, so that what it starts on the server (a shell and the account's login
            // scripts) overlaps with locking and planning; it changes nothing until the upload sends it on.
            release = options.dryRun() ? null : transport.beginRelease(layout.release(id));
            lock.acquire(actor, options.lockLease(), options.lockWait(), "deploy " + id, listener::warn);
        } catch (IOException | DeployException | RuntimeException e) {
            closeQuietly(release);
            DeployException failure = failure(e, Stage.LOCKED);
            fail(failure, id, null, started, lock);
            throw failure;
        }
        listener.stage(Stage.LOCKED, layout.lock());
        return new Locked(lock, release, started);
    }

    /** A target locked for one deploy, not yet prepared; {@link #close} releases the lock. */
    public final class Locked implements AutoCloseable {
        private final DeployLock lock;
        /** The release's upload, begun; null for a dry run. */
        private final Transport.ReleaseUpload release;
        private final long started;
        private boolean handedOn;

        private Locked(DeployLock lock, Transport.ReleaseUpload release, long started) {
            this.lock = lock;
            this.release = release;
            this.started = started;
        }

        @Override
        public void close() {
            if (!handedOn) {
                closeQuietly(release);
                release(lock);
            }
        }
    }

    private void closeQuietly(Transport.ReleaseUpload release) {
        if (release == null) {
            return;
        }
        try {
            release.close();
        } catch (IOException | RuntimeException e) {
            listener.warn("zdd: could not end the release's upload command on " + transport.describe() + ": "
                    + e.getMessage());
        }
    }

    /** Plans, uploads and verifies with the lock held; see {@link #prepare(StagedRelease.Reading, DeployOptions)}. */
    public Prepared prepare(Locked locked, StagedRelease.Reading staging, DeployOptions options)
            throws IOException, DeployException {
        return prepare(locked, staging, options, new Cancellation());
    }

    /**
     * As {@link #prepare(Locked, StagedRelease.Reading, DeployOptions)}, stopping (and failing as any failed
     * deploy does) once {@code cancellation} is cancelled: between files sent and before each later step.
     */
    public Prepared prepare(Locked locked, StagedRelease.Reading staging, DeployOptions options,
                            Cancellation cancellation) throws IOException, DeployException {
        locked.handedOn = true;
        DeployLock lock = locked.lock;
        long started = locked.started;
        String id = options.releaseId();
        Stage stage = Stage.PLANNED;
        String live = null;
        try {
            DeployPlan plan;
            StagedRelease staged;
            Map<String, Long> sizes;
            try (Transport.ReleaseUpload release = locked.release) {
                plan = new Planner(transport, layout, store).plan(id, staging, options.carryOverReleases(),
                        options.keepReleases());
                staged = staging.get();
                live = plan.liveId();
                publisher.check(id, live);
                listener.stage(Stage.PLANNED, String.join("; ", plan.summary()));
                if (options.dryRun()) {
                    return new Prepared(plan, staged, started, lock, true, false);
                }
                stage = Stage.UPLOADED;
                cancellation.check();
                sizes = upload(release, staged, plan, cancellation);
            }
            listener.stage(Stage.UPLOADED, plan.send().size() + " sent, " + plan.reuse().size() + " linked, "
                    + plan.carryOver().size() + " carried over");
            stage = Stage.VERIFIED;
            cancellation.check();
            long files = verify(staged, plan, sizes, options.verifyDigests());
            writeReleaseInfo(staged.manifest(), id, files, started);
            transport.removeTree(layout.incompleteMarker(id));
            listener.stage(Stage.VERIFIED, files + " files on the server match the manifest ("
                    + (options.verifyDigests() ? "sizes and SHA-256 of what was sent" : "sizes") + ")");
            stage = Stage.LAUNCHED;
            cancellation.check();
            boolean readied = publisher.stage(id, live, cancellation);
            return new Prepared(plan, staged, started, lock, false, readied);
        } catch (IOException | DeployException | RuntimeException e) {
            if (!Cancellation.stopped(e)) {
                // Before the clean-up below, so that other hosts stop sending as soon as possible.
                cancellation.failed();
            }
            // While readying, the strategy names its own stage (launched, healthy, warmed).
            DeployException failure = stage == Stage.LAUNCHED && e instanceof DeployException d ? d
                    : failure(e, stage);
            fail(failure, id, live, started, lock);
            release(lock);
            throw failure;
        }
    }

    /**
     * A verified release waiting to go live, with the target's lock held. {@link #publish} is the one-target
     * path; a fleet calls its three steps itself: {@link #switchLive} on every host, then {@link #finish} on every
     * host, or {@link #switchBack} on those that switched when another host failed.
     */
    public final class Prepared implements AutoCloseable {
        private final DeployPlan plan;
        private final StagedRelease staged;
        private final long started;
        private final DeployLock lock;
        private final boolean dryRun;
        private final boolean readied;
        private boolean switched;
        private boolean done;

        private Prepared(DeployPlan plan, StagedRelease staged, long started, DeployLock lock, boolean dryRun,
                         boolean readied) {
            this.plan = plan;
            this.staged = staged;
            this.started = started;
            this.lock = lock;
            this.dryRun = dryRun;
            this.readied = readied;
        }

        public DeployPlan plan() {
            return plan;
        }

        /** The staged release this was prepared from. */
        public StagedRelease staged() {
            return staged;
        }

        /** Makes the release live, logs, prunes and unlocks; on failure the live release stays (or is put back). */
        public void publish() throws IOException, DeployException {
            switchLive();
            finish();
        }

        /**
         * Makes the release live through the publisher, keeping the lock. On failure the publisher has left (or
         * put back) the release that was live; the failure is logged and the lock released.
         */
        public void switchLive() throws IOException, DeployException {
            if (done || dryRun || switched) {
                throw new IllegalStateException("release " + plan.releaseId() + " cannot be published: "
                        + (dryRun ? "a dry run" : "already published or aborted"));
            }
            try {
                listener.stage(Stage.PUBLISHED, publisher.publish(plan.releaseId(), plan.liveId()));
                switched = true;
            } catch (IOException | DeployException | RuntimeException e) {
                done = true;
                DeployException failure = failure(e, Stage.PUBLISHED);
                fail(failure, plan.releaseId(), plan.liveId(), started, lock);
                removeUnpublished(plan.releaseId());
                release(lock);
                throw failure;
            }
        }

        /**
         * After {@link #switchLive}: logs the deploy, prunes and unlocks. A failure here does not change what is
         * live (the new release stays).
         */
        public void finish() throws IOException, DeployException {
            if (!switched || done) {
                throw new IllegalStateException("release " + plan.releaseId() + " is not switched live");
            }
            done = true;
            String id = plan.releaseId();
            Stage stage = Stage.LOGGED;
            try {
                store.log().append(entry("deploy", id, plan.liveId(), "success", Stage.FINISHED, started, null));
                listener.stage(Stage.LOGGED, layout.log());
                stage = Stage.PRUNED;
                List<String> pruned = prune(plan);
                listener.stage(Stage.PRUNED, pruned.isEmpty() ? "nothing to prune" : "removed "
                        + String.join(", ", pruned));
                listener.stage(Stage.FINISHED, String.format(Locale.ROOT, "%s is live on %s: %d files (%d"
                                + " sent, %d hard-linked, %d carried over), %s sent, in %.1f s", id,
                        transport.describe(), plan.files(), plan.send().size(), plan.reuse().size(),
                        plan.carryOver().size(), ByteSize.format(plan.bytesToSend()),
                        (System.currentTimeMillis() - started) / 1000.0));
            } catch (IOException | RuntimeException e) {
                DeployException failure = failure(e, stage);
                fail(failure, id, plan.liveId(), started, lock);
                throw failure;
            } finally {
                release(lock);
            }
        }

        /**
         * After {@link #switchLive}, when the release must not stay live (another host of the fleet failed, a
         * smoke check failed): puts the release that was live before back, logs the deploy as failed with
         * {@code reason}, removes the new release and unlocks. On a first deploy there is nothing to go back to:
         * {@code current} is removed, so the host serves no release rather than one the others lack.
         *
         * @return what the host serves now, for the failure's summary
         */
        public String switchBack(String reason) throws IOException, DeployException {
            if (!switched || done) {
                throw new IllegalStateException("release " + plan.releaseId() + " is not switched live");
            }
            done = true;
            String id = plan.releaseId();
            try {
                if (plan.liveId() == null) {
                    transport.removeTree(layout.current());
                    listener.warn("zdd: removed current on " + transport.describe() + " (there was no release"
                            + " before " + id + ")");
                } else {
                    listener.stage(Stage.PUBLISHED, publisher.restore(plan.liveId(), id));
                }
                store.log().append(entry("deploy", id, plan.liveId(), "failed", Stage.PUBLISHED, started,
                        "switched back: " + reason));
                transport.removeTree(layout.releaseInfo(id));
                transport.removeTree(layout.release(id));
                return plan.liveId() == null ? "no release (current removed)" : plan.liveId();
            } finally {
                release(lock);
            }
        }

        /** Gives the release up: removed, logged as failed with {@code reason}, unlocked. The live one stays. */
        public void abort(String reason) {
            if (done || switched) {
                return;
            }
            done = true;
            if (readied) {
                try {
                    publisher.unstage(plan.releaseId());
                } catch (IOException | RuntimeException e) {
                    listener.warn("zdd: could not stop what was started for " + plan.releaseId() + ": "
                            + e.getMessage());
                }
            }
            if (!dryRun) {
                listener.stage(Stage.FAILED, reason);
                fail(new DeployException(Stage.VERIFIED, reason), plan.releaseId(), plan.liveId(), started, lock);
            }
            release(lock);
        }

        /** Aborts unless published. */
        @Override
        public void close() {
            abort("release " + plan.releaseId() + " was prepared but not published");
        }
    }

    /**
     * After a failed publish that left (or put back) the old release: the new one was never served for good, so
     * it goes, unless {@code current} does point at it or the strategy still runs it.
     */
    private void removeUnpublished(String id) {
        try {
            if (!id.equals(store.currentId()) && !publisher.inUse().contains(id)) {
                transport.removeTree(layout.releaseInfo(id));
                transport.removeTree(layout.release(id));
            }
        } catch (IOException | DeployException | RuntimeException e) {
            listener.warn("zdd: could not remove the unpublished release " + id + " (" + e.getMessage()
                    + "); the next deploy prunes it");
        }
    }

    /** The user-facing failure: the stage it happened at, and whether the live release changed. */
    private static DeployException failure(Exception e, Stage stage) {
        if (e instanceof DeployException d && (d.stage() == stage || stage == Stage.PUBLISHED)) {
            return d;
        }
        return new DeployException(stage, "deploy failed at " + stage.id() + ": " + e.getMessage()
                + (stage.compareTo(Stage.PUBLISHED) < 0 ? " (current is unchanged)" : ""), e);
    }

    private void release(DeployLock lock) {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            listener.warn("zdd: could not release the lock " + layout.lock() + ": " + e.getMessage()
                    + "; it expires with its lease, or run zdd:unlock");
        }
    }

    /**
     * Creates the release folder from the plan's hard links and the files to send, marked incomplete until
     * release.json is written; returns the sizes the server reports for what it then holds.
     */
    private Map<String, Long> upload(Transport.ReleaseUpload release, StagedRelease staged, DeployPlan plan,
                                     Cancellation cancellation) throws IOException {
        String dir = layout.release(plan.releaseId());
        transport.createDirectories(layout.releases());
        if (transport.kind(dir) != Transport.PathKind.MISSING) {
            // A leftover of a failed deploy under the same id (complete ones were refused when planning).
            transport.removeTree(dir);
        }
        List<Transport.Upload> uploads = new ArrayList<>();
        // Until release.json is written (after verification) this release is incomplete, marker or not.
        uploads.add(Transport.Upload.bytes(".zdd/incomplete", (actor.who() + " " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        Map<String, ManifestEntry> files = staged.manifest().files();
        for (String path : plan.send()) {
            uploads.add(Transport.Upload.file(staged.file(path), path, files.get(path).size()));
        }
        Path manifestFile = staged.file(Manifest.LOCATION);
        if (Files.isRegularFile(manifestFile)) {
            uploads.add(Transport.Upload.file(manifestFile, Manifest.LOCATION, Files.size(manifestFile)));
        } else {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ManifestJson.write(staged.manifest(), json);
            uploads.add(Transport.Upload.bytes(Manifest.LOCATION, json.toByteArray()));
        }
        // Progress counts what the plan counts: the files to send and their bytes, not the marker sent first nor
        // the manifest sent last, so the plan, the progress and the summary give the same numbers.
        int total = plan.send().size();
        long totalBytes = plan.bytesToSend();
        long markerBytes = uploads.get(0).size();
        long started = System.currentTimeMillis();
        long[] lastReport = {started};
        return release.send(plan.links(), uploads, (sent, bytes) -> {
            cancellation.check();
            int done = sent - 1;
            if (total == 0 || done < 1 || done > total) {
                return;
            }
            long now = System.currentTimeMillis();
            boolean last = done == total;
            if (now - lastReport[0] >= 1000 || last) {
                lastReport[0] = now;
                listener.progress(done, total, Math.min(totalBytes, Math.max(0, bytes - markerBytes)), totalBytes,
                        now - started);
            }
        });
    }

    /** Every expected file is on the server with its size, nothing else is, and what was sent has its digest. */
    private long verify(StagedRelease staged, DeployPlan plan, Map<String, Long> sizes, boolean digests)
            throws IOException, DeployException {
        String dir = layout.release(plan.releaseId());
        Map<String, Long> onServer = new TreeMap<>(sizes);
        onServer.keySet().removeIf(path -> path.startsWith(".zdd/"));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ManifestEntry> file : staged.manifest().files().entrySet()) {
            Long size = onServer.remove(file.getKey());
            if (size == null) {
                problems.add(file.getKey() + " is missing");
            } else if (size != file.getValue().size()) {
                problems.add(file.getKey() + " has " + size + " bytes, expected " + file.getValue().size());
            }
        }
        for (String carried : plan.carryOver()) {
            if (onServer.remove(carried) == null) {
                problems.add(carried + " (carried over) is missing");
            }
        }
        for (String path : onServer.keySet()) {
            problems.add(path + " should not be there");
        }
        Map<String, String> sent = digests ? transport.sha256(dir, plan.send()) : null;
        if (digests && sent == null) {
            listener.info("zdd: " + transport.describe() + " cannot hash files; verified by file sizes");
        }
        for (String path : sent == null ? List.<String>of() : plan.send()) {
            String expected = staged.manifest().files().get(path).sha256();
            if (!expected.equals(sent.get(path))) {
                problems.add(path + " has SHA-256 " + sent.get(path) + ", expected " + expected);
            }
        }
        if (!problems.isEmpty()) {
            throw new DeployException(Stage.VERIFIED, "release " + plan.releaseId() + " on " + transport.describe()
                    + " does not match what was sent (current is unchanged):\n  " + String.join("\n  ",
                    problems.subList(0, Math.min(20, problems.size()))));
        }
        return staged.manifest().files().size() + plan.carryOver().size();
    }

    private void writeReleaseInfo(Manifest manifest, String id, long files, long started) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("gitSha", actor.gitSha());
        info.put("version", actor.version());
        info.put("who", actor.who());
        info.put("time", Instant.ofEpochMilli(started).toString());
        info.put("ciUrl", actor.ciUrl());
        info.put("files", files);
        info.put("bytes", manifest.totalSize());
        transport.writeAtomically(layout.releaseInfo(id), (FlatJson.write(info) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Removes what the plan chose: the server's state has not changed since, as the lock was held. */
    private List<String> prune(DeployPlan plan) throws IOException {
        Set<String> running = publisher.inUse();
        List<String> removed = new ArrayList<>();
        for (String old : plan.prune()) {
            if (!running.contains(old)) {
                // First what makes it a complete release, then its files: a prune cut short (kill -9, a dead
                // connection) leaves an incomplete release that nothing will make live, never a damaged "complete" one.
                transport.removeTree(layout.releaseInfo(old));
                transport.removeTree(layout.release(old));
                removed.add(old);
            }
        }
        return removed;
    }

    private DeployLog.Entry entry(String action, String id, String previous, String outcome, Stage stage,
                                  long started, String message) {
        return new DeployLog.Entry(Instant.now().toString(), action, id, previous, actor.gitSha(), actor.who(),
                outcome, stage.id(), System.currentTimeMillis() - started, message);
    }

    private void fail(DeployException e, String id, String live, long started, DeployLock lock) {
        Stage stage = e.stage();
        listener.stage(Stage.FAILED, stage.id() + ": " + e.getMessage());
        if (!lock.held()) {
            return;
        }
        try {
            if (stage.compareTo(Stage.PUBLISHED) < 0 && stage != Stage.PLANNED) {
                transport.removeTree(layout.release(id));
            }
            store.log().append(entry("deploy", id, live, "failed", stage, started, e.getMessage()));
        } catch (IOException | RuntimeException cleanup) {
            listener.warn("zdd: could not record the failure on the server (" + cleanup.getMessage() + "); the"
                    + " next deploy removes what is left of release " + id);
        }
    }
}
