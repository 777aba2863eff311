package dev.zdd.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.manifest.InvalidManifestException;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The releases under a deploy root and what is known of each: complete or not, ever live or not, and which is
 * current. Order is by id, never by time stamps on the server.
 */
public final class ReleaseStore {
    private final Transport transport;
    private final DeployLayout layout;
    private final DeployLog log;

    public ReleaseStore(Transport transport, DeployLayout layout) {
        this.transport = transport;
        this.layout = layout;
        this.log = new DeployLog(transport, layout);
    }

    /**
     * @param complete true when the upload finished and was verified (no incomplete marker, release.json present)
     * @param wasLive  true when a deploy or rollback made it current (per the log), or it is current now
     * @param info     release.json's fields, empty when it has none
     * @param rolledBackFrom true when a rollback left it for an older release and nothing made it live since: the
     *                 bad one, never a rollback target unless named
     */
    public record Release(String id, boolean complete, boolean wasLive, Map<String, Object> info,
                          boolean rolledBackFrom) {
    }

    /** The id {@code current} points at, or null when there is no {@code current}. */
    public String currentId() throws IOException, DeployException {
        Transport.PathKind kind = transport.kind(layout.current());
        switch (kind) {
            case MISSING -> {
                return null;
            }
            case SYMLINK -> {
                String target = transport.readLink(layout.current());
                String id = layout.idOfLinkTarget(target);
                if (id == null) {
                    throw new DeployException(Stage.PLANNED, layout.current() + " points at " + target
                            + ", not at a folder in releases/; point it at one (or remove it) before deploying");
                }
                return id;
            }
            default -> throw new DeployException(Stage.PLANNED, layout.current() + " is a real " + kind.name()
                    .toLowerCase(Locale.ROOT) + ", not a symbolic link, so it cannot be swapped atomically;"
                    + " move it to " + layout.releases() + "/<id> and make current a link to it");
        }
    }

    public List<Release> releases() throws IOException, DeployException {
        if (transport.kind(layout.releases()) != Transport.PathKind.DIRECTORY) {
            return List.of();
        }
        Set<String> live = new HashSet<>();
        List<DeployLog.Entry> entries = log.entries();
        Set<String> bad = rolledBackFrom(entries);
        for (DeployLog.Entry entry : entries) {
            if (entry.succeeded() && entry.release() != null) {
                live.add(entry.release());
            }
        }
        String current = currentId();
        if (current != null) {
            live.add(current);
        }
        List<Release> releases = new ArrayList<>();
        for (String id : transport.list(layout.releases())) {
            boolean marked = transport.kind(layout.incompleteMarker(id)) != Transport.PathKind.MISSING;
            Map<String, Object> info = info(id);
            releases.add(new Release(id, !marked && !info.isEmpty(), live.contains(id), info, bad.contains(id)));
        }
        return releases;
    }

    public Map<String, Object> info(String id) throws IOException {
        try {
            return FlatJson.read(new String(transport.read(layout.releaseInfo(id)), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            if (transport.kind(layout.releaseInfo(id)) == Transport.PathKind.MISSING) {
                return Map.of();
            }
            throw e;
        }
    }

    /** A release's manifest, or null if it has none that can be read. */
    public Manifest manifest(String id) throws IOException {
        try {
            byte[] bytes = transport.read(layout.manifest(id));
            return ManifestJson.read(new ByteArrayInputStream(bytes), layout.manifest(id));
        } catch (NoSuchFileException | InvalidManifestException | JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            if (transport.kind(layout.manifest(id)) == Transport.PathKind.MISSING) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The manifests of these releases, by id (null for one without a readable manifest), read in parallel: each
     * is a few megabytes for a large site, and reading one is mostly waiting for the server.
     */
    public Map<String, Manifest> manifests(List<String> ids) throws IOException {
        List<FutureTask<Manifest>> reads = new ArrayList<>();
        for (int i = 1; i < ids.size(); i++) {
            String id = ids.get(i);
            FutureTask<Manifest> read = new FutureTask<>(() -> manifest(id));
            Thread thread = new Thread(read, "zdd-read-manifest");
            thread.setDaemon(true);
            thread.start();
            reads.add(read);
        }
        Map<String, Manifest> manifests = new HashMap<>();
        if (!ids.isEmpty()) {
            manifests.put(ids.get(0), manifest(ids.get(0)));
        }
        for (int i = 1; i < ids.size(); i++) {
            try {
                manifests.put(ids.get(i), reads.get(i - 1).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading manifests");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return manifests;
    }

    /**
     * The release that was live before {@code current}: what a rollback returns to. A release that was rolled back
     * from is never chosen (it is the bad one), unless it was made live again since. Null if none is left.
     */
    public String previousGood(String current, List<Release> releases) throws IOException {
        List<DeployLog.Entry> entries = log.entries();
        Set<String> rolledBackFrom = rolledBackFrom(entries);
        Set<String> usable = new HashSet<>();
        for (Release release : releases) {
            if (release.complete() && release.wasLive() && !rolledBackFrom.contains(release.id())) {
                usable.add(release.id());
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            DeployLog.Entry entry = entries.get(i);
            if (entry.succeeded() && current != null && current.equals(entry.release())
                    && entry.previous() != null && usable.contains(entry.previous())
                    && !entry.previous().equals(current)) {
                return entry.previous();
            }
        }
        String best = null;
        for (Release release : releases) {
            if (usable.contains(release.id()) && !release.id().equals(current)
                    && (current == null || release.id().compareTo(current) < 0)) {
                best = release.id();
            }
        }
        return best;
    }

    /**
     * Releases a successful rollback left for an older one, and that no later deploy or rollback made live again.
     * A rollback to a newer release (a roll forward) says nothing against the one it left.
     */
    public static Set<String> rolledBackFrom(List<DeployLog.Entry> entries) {
        Set<String> bad = new HashSet<>();
        for (DeployLog.Entry entry : entries) {
            if (!entry.succeeded()) {
                continue;
            }
            bad.remove(entry.release());
            if ("rollback".equals(entry.action()) && entry.previous() != null && entry.release() != null
                    && entry.release().compareTo(entry.previous()) < 0) {
                bad.add(entry.previous());
            }
        }
        return bad;
    }

    public DeployLog log() {
        return log;
    }
}
