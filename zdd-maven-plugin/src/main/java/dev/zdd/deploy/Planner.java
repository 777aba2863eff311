package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares the staged release with what is live and decides what travels, what is linked and what is pruned. */
final class Planner {
    private final Transport transport;
    private final DeployLayout layout;
    private final ReleaseStore store;

    Planner(Transport transport, DeployLayout layout, ReleaseStore store) {
        this.transport = transport;
        this.layout = layout;
        this.store = store;
    }

    DeployPlan plan(String releaseId, StagedRelease staged, int carryOverReleases, int keepReleases)
            throws IOException, DeployException {
        if (!transport.canSwapAtomically()) {
            throw new DeployException(Stage.PLANNED, transport.describe() + " cannot replace current in one rename"
                    + " (its SFTP server lacks posix-rename@openssh.com and it allows no commands); refusing to"
                    + " deploy, since the swap would not be atomic");
        }
        String live = store.currentId();
        List<ReleaseStore.Release> releases = store.releases();
        for (ReleaseStore.Release release : releases) {
            if (release.id().equals(releaseId) && release.complete()) {
                throw new DeployException(Stage.PLANNED, "release " + releaseId + " already exists on "
                        + transport.describe() + "; deploy under another id (zdd.release)");
            }
        }
        Manifest liveManifest = live == null ? null : store.manifest(live);
        Map<String, ManifestEntry> next = staged.manifest().files();

        List<String> send = new ArrayList<>();
        List<String> reuse = new ArrayList<>();
        long bytesToSend = 0;
        long bytesReused = 0;
        for (Map.Entry<String, ManifestEntry> file : next.entrySet()) {
            ManifestEntry old = liveManifest == null ? null : liveManifest.files().get(file.getKey());
            if (old != null && old.sha256().equals(file.getValue().sha256()) && old.size() == file.getValue().size()) {
                reuse.add(file.getKey());
                bytesReused += file.getValue().size();
            } else {
                send.add(file.getKey());
                bytesToSend += file.getValue().size();
            }
        }

        // Hashed assets of the last few live releases stay reachable from pages already open in browsers.
        Set<String> carried = new LinkedHashSet<>();
        List<Transport.Link> carryOver = new ArrayList<>();
        Map<String, Long> liveFiles = live == null || liveManifest == null ? Map.of()
                : transport.sizes(layout.release(live));
        List<String> recent = recentLive(releases, live, carryOverReleases);
        for (String id : recent) {
            Manifest manifest = id.equals(live) ? liveManifest : store.manifest(id);
            if (manifest == null) {
                continue;
            }
            // An older complete release holds what its manifest lists: no need to list it on the server.
            java.util.Set<String> present = id.equals(live) ? liveFiles.keySet() : manifest.files().keySet();
            for (String hashed : manifest.paths().values()) {
                if (!next.containsKey(hashed) && !carried.contains(hashed) && present.contains(hashed)) {
                    carried.add(hashed);
                    if (!liveFiles.containsKey(hashed)) {
                        carryOver.add(new Transport.Link(layout.release(id) + "/" + hashed,
                                layout.release(releaseId) + "/" + hashed));
                    }
                }
            }
        }
        List<String> remove = new ArrayList<>();
        for (String path : liveFiles.keySet()) {
            if (!next.containsKey(path) && !carried.contains(path) && !path.startsWith(".zdd/")) {
                remove.add(path);
            }
        }
        return new DeployPlan(releaseId, liveManifest == null ? null : live, send, reuse, List.copyOf(carried),
                carryOver, remove,
                bytesToSend, bytesReused, Pruner.choose(releases, live, releaseId, store.previousGood(live, releases), keepReleases));
    }

    /** The newest {@code count} releases that were live, the live one first. */
    private static List<String> recentLive(List<ReleaseStore.Release> releases, String live, int count) {
        List<String> ids = new ArrayList<>();
        if (live != null && count > 0) {
            ids.add(live);
        }
        for (int i = releases.size() - 1; i >= 0 && ids.size() < count; i--) {
            ReleaseStore.Release release = releases.get(i);
            if (release.complete() && release.wasLive() && !release.id().equals(live)) {
                ids.add(release.id());
            }
        }
        return ids;
    }
}
