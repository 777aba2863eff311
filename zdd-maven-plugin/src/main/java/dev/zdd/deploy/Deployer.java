package dev.zdd.deploy;

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
 * One deploy, stage by stage: lock, plan, upload into {@code releases/<id>/} (unchanged files hard-linked from
 * the live release, hashed assets of recent releases carried over), verify on the server, swap {@code current}
 * in one rename, log, prune, unlock. Any failure before the swap leaves {@code current} as it was.
 */
public final class Deployer {
    private final Transport transport;
    private final DeployLayout layout;
    private final ReleaseStore store;
    private final Actor actor;
    private final DeployListener listener;

    public Deployer(Transport transport, DeployLayout layout, Actor actor, DeployListener listener) {
        this.transport = transport;
        this.layout = layout;
        this.store = new ReleaseStore(transport, layout);
        this.actor = actor;
        this.listener = listener;
    }

    /** @return the plan carried out (or, for a dry run, the plan alone) */
    public DeployPlan deploy(StagedRelease staged, DeployOptions options) throws IOException, DeployException {
        return deploy(StagedRelease.Reading.of(staged), options);
    }

    /**
     * Deploys a staged folder whose read may still be running: the engine reads the server's state meanwhile.
     *
     * @return the plan carried out (or, for a dry run, the plan alone)
     */
    public DeployPlan deploy(StagedRelease.Reading staging, DeployOptions options)
            throws IOException, DeployException {
        long started = System.currentTimeMillis();
        String id = options.releaseId();
        listener.stage(Stage.STARTED, "deploying " + staging.folder() + " to " + transport.describe() + " as "
                + id);
        DeployLock lock = new DeployLock(transport, layout);
        Stage stage = Stage.LOCKED;
        String live = null;
        try {
            lock.acquire(actor, options.lockLease(), options.lockWait(), "deploy " + id, listener::warn);
            listener.stage(Stage.LOCKED, layout.lock());
            stage = Stage.PLANNED;
            DeployPlan plan;
            StagedRelease staged;
            Map<String, Long> sizes;
            // Begun before planning so that what it starts on the server overlaps with planning.
            try (Transport.ReleaseUpload release = options.dryRun() ? null
                    : transport.beginRelease(layout.release(id))) {
                plan = new Planner(transport, layout, store).plan(id, staging, options.carryOverReleases(),
                        options.keepReleases());
                staged = staging.get();
                live = plan.liveId();
                listener.stage(Stage.PLANNED, String.join("; ", plan.summary()));
                if (options.dryRun()) {
                    return plan;
                }
                stage = Stage.UPLOADED;
                sizes = upload(release, staged, plan);
            }
            listener.stage(Stage.UPLOADED, plan.send().size() + " sent, " + plan.reuse().size() + " linked, "
                    + plan.carryOver().size() + " carried over");
            stage = Stage.VERIFIED;
            long files = verify(staged, plan, sizes, options.verifyDigests());
            writeReleaseInfo(staged.manifest(), id, files, started);
            transport.removeTree(layout.incompleteMarker(id));
            listener.stage(Stage.VERIFIED, files + " files on the server match the manifest ("
                    + (options.verifyDigests() ? "sizes and SHA-256 of what was sent" : "sizes") + ")");
            stage = Stage.PUBLISHED;
            long swapStarted = System.nanoTime();
            publish(id);
            listener.stage(Stage.PUBLISHED, "current -> " + layout.linkTarget(id) + " (swap took "
                    + (System.nanoTime() - swapStarted) / 1_000_000 + " ms)");
            stage = Stage.LOGGED;
            store.log().append(entry("deploy", id, live, "success", Stage.FINISHED, started, null));
            listener.stage(Stage.LOGGED, layout.log());
            stage = Stage.PRUNED;
            List<String> pruned = prune(plan);
            listener.stage(Stage.PRUNED, pruned.isEmpty() ? "nothing to prune" : "removed " + String.join(", ",
                    pruned));
            listener.stage(Stage.FINISHED, String.format(java.util.Locale.ROOT, "%s is live on %s: %d files (%d sent,"
                            + " %d hard-linked, %d carried over), %s sent, in %.1f s", id, transport.describe(),
                    plan.files(), plan.send().size(), plan.reuse().size(), plan.carryOver().size(),
                    dev.zdd.hasher.check.ByteSize.format(plan.bytesToSend()),
                    (System.currentTimeMillis() - started) / 1000.0));
            return plan;
        } catch (IOException | DeployException | RuntimeException e) {
            fail(e, stage, id, live, started, lock);
            throw e instanceof DeployException d && d.stage() == stage ? d
                    : new DeployException(stage, "deploy failed at " + stage.id() + ": " + e.getMessage()
                    + (stage.compareTo(Stage.PUBLISHED) < 0 ? " (current is unchanged)" : ""), e);
        } finally {
            try {
                lock.release();
            } catch (IOException | RuntimeException e) {
                listener.warn("zdd: could not release the lock " + layout.lock() + ": " + e.getMessage()
                        + "; it expires with its lease, or run zdd:unlock");
            }
        }
    }

    /**
     * Creates the release folder from the plan's hard links and the files to send, marked incomplete until
     * release.json is written; returns the sizes the server reports for what it then holds.
     */
    private Map<String, Long> upload(Transport.ReleaseUpload release, StagedRelease staged, DeployPlan plan)
            throws IOException {
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
        java.nio.file.Path manifestFile = staged.file(Manifest.LOCATION);
        if (java.nio.file.Files.isRegularFile(manifestFile)) {
            uploads.add(Transport.Upload.file(manifestFile, Manifest.LOCATION, java.nio.file.Files.size(manifestFile)));
        } else {
            java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
            dev.zdd.hasher.manifest.ManifestJson.write(staged.manifest(), json);
            uploads.add(Transport.Upload.bytes(Manifest.LOCATION, json.toByteArray()));
        }
        // Progress counts the release's files (and its manifest), not the marker sent first.
        int total = uploads.size() - 1;
        long totalBytes = uploads.stream().skip(1).mapToLong(Transport.Upload::size).sum();
        long markerBytes = uploads.get(0).size();
        long started = System.currentTimeMillis();
        long[] lastReport = {started};
        return release.send(plan.links(), uploads, (sent, bytes) -> {
            long now = System.currentTimeMillis();
            if (sent > 1 && (now - lastReport[0] >= 1000 || sent - 1 == total)) {
                lastReport[0] = now;
                listener.progress(sent - 1, total, Math.max(0, bytes - markerBytes), totalBytes, now - started);
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

    /** Swaps {@code current} and reads it back. */
    private void publish(String id) throws IOException, DeployException {
        transport.swapSymlink(layout.current(), layout.linkTarget(id));
        String now = transport.readLink(layout.current());
        if (!layout.linkTarget(id).equals(now)) {
            throw new DeployException(Stage.PUBLISHED, layout.current() + " reads back as " + now + " after the"
                    + " swap, not " + layout.linkTarget(id));
        }
    }

    /** Removes what the plan chose: the server's state has not changed since, as the lock was held. */
    private List<String> prune(DeployPlan plan) throws IOException {
        for (String old : plan.prune()) {
            transport.removeTree(layout.release(old));
        }
        return plan.prune();
    }

    private DeployLog.Entry entry(String action, String id, String previous, String outcome, Stage stage,
                                  long started, String message) {
        return new DeployLog.Entry(Instant.now().toString(), action, id, previous, actor.gitSha(), actor.who(),
                outcome, stage.id(), System.currentTimeMillis() - started, message);
    }

    private void fail(Exception e, Stage stage, String id, String live, long started, DeployLock lock) {
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
