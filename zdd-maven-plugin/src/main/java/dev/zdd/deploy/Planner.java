package dev.zdd.deploy;

import java.util.stream.Stream;
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

    /**
     * Reads the server's state first and only then waits for the staged folder's read, which runs meanwhile.
     */
    DeployPlan plan(String releaseId, StagedRelease.Reading staging, int carryOverReleases, int keepReleases)
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
        List<String> recent = recentLive(releases, live, carryOverReleases);
        Map<String, Manifest> manifests = store.manifests(live == null || recent.contains(live) ? recent
                : Stream.concat(Stream.of(live), recent.stream()).toList());
        Manifest liveManifest = live == null ? null : manifests.get(live);
        Map<String, ManifestEntry> next = staging.get().manifest().files();

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

        List<Transport.Link> links = new ArrayList<>();
        for (String path : reuse) {
            links.add(new Transport.Link(layout.release(live) + "/" + path, path));
        }
        // Hashed assets of the last few live releases stay reachable from pages already open in browsers. A
        // complete release holds what its manifest lists (verified when it was deployed), so the manifests say
        // what can be linked without listing any release on the server.
        Set<String> carried = new LinkedHashSet<>();
        for (String id : recent) {
            Manifest manifest = manifests.get(id);
            if (manifest == null) {
                continue;
            }
            for (String hashed : manifest.paths().values()) {
                if (!next.containsKey(hashed) && manifest.files().containsKey(hashed) && carried.add(hashed)) {
                    links.add(new Transport.Link(layout.release(id) + "/" + hashed, hashed));
                }
            }
        }
        return new DeployPlan(releaseId, liveManifest == null ? null : live, send, reuse, List.copyOf(carried),
                links, bytesToSend, bytesReused,
                // What pruning will remove once the new release is current and the live one is the one before it.
                Pruner.choose(releases, releaseId, releaseId, live, keepReleases));
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
