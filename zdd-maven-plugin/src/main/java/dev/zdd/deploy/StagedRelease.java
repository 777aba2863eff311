package dev.zdd.deploy;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.commons.codec.digest.DigestUtils;
import dev.zdd.hasher.site.SiteOptions;
import dev.zdd.hasher.manifest.InvalidManifestException;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.site.Glob;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.SiteScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The local folder to deploy and its manifest: the one {@code zdd:hash} wrote, or, for a folder that was not
 * hashed, one computed here. A symbolic link leading out of the folder is refused: it would publish whatever it
 * names.
 */
public record StagedRelease(Path folder, Manifest manifest) {

    /** A read of a staged folder that may still be running. */
    public static final class Reading {
        private final Path folder;
        private final FutureTask<StagedRelease> task;

        private Reading(Path folder, FutureTask<StagedRelease> task) {
            this.folder = folder;
            this.task = task;
        }

        /** A read already done. */
        public static Reading of(StagedRelease staged) {
            FutureTask<StagedRelease> done = new FutureTask<>(() -> staged);
            done.run();
            return new Reading(staged.folder(), done);
        }

        public Path folder() {
            return folder;
        }

        /** Waits for the read; the same result (or failure) every time. */
        public StagedRelease get() throws IOException, DeployException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + folder);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                } else if (cause instanceof DeployException deploy) {
                    throw deploy;
                } else if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                } else if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /**
     * Starts {@link #read} on another thread, so that scanning and checking the folder overlaps with connecting
     * to the target and reading its state (each takes a hundred milliseconds or more on a large site).
     */
    public static Reading readInBackground(Path folder) {
        FutureTask<StagedRelease> task = new FutureTask<>(() -> read(folder));
        Thread thread = new Thread(task, "zdd-read-staged");
        thread.setDaemon(true);
        thread.start();
        return new Reading(folder, task);
    }

    public static StagedRelease read(Path folder) throws IOException, DeployException {
        if (!Files.isDirectory(folder)) {
            throw new DeployException(Stage.PLANNED, "nothing to deploy: " + folder + " is not a folder; run"
                    + " zdd:hash first or set zdd.stagedDirectory");
        }
        SiteScanner scanner = new SiteScanner(Glob.all(SiteOptions.DEFAULT_IGNORES), List.of(), List.of(),
                List.of());
        SiteScanner.Scan scan = scanner.scan(folder, dir -> false);
        if (!scan.problems().isEmpty()) {
            throw new DeployException(Stage.PLANNED, "refusing to deploy " + folder + ":\n" + scan.problems().stream()
                    .map(Diagnostic::toString).map(s -> "  " + s).collect(Collectors.joining("\n")));
        }
        Path manifestFile = folder.resolve(Manifest.LOCATION);
        Manifest manifest;
        if (Files.isRegularFile(manifestFile)) {
            try {
                manifest = ManifestJson.read(manifestFile);
            } catch (InvalidManifestException e) {
                throw new DeployException(Stage.PLANNED, e.getMessage(), e);
            }
            checkAgainstDisk(folder, manifest, scan.files());
        } else {
            Map<String, ManifestEntry> files = new TreeMap<>();
            for (SiteFile file : scan.files()) {
                try (var in = Files.newInputStream(file.file())) {
                    files.put(file.path(), new ManifestEntry(file.path(), file.size(),
                            DigestUtils.sha256Hex(in)));
                }
            }
            manifest = new Manifest(new TreeMap<>(), new TreeMap<>(files));
        }
        return new StagedRelease(folder, manifest);
    }

    /** The manifest must describe the folder as it is now: same files, same sizes. */
    private static void checkAgainstDisk(Path folder, Manifest manifest, List<SiteFile> files)
            throws DeployException {
        Map<String, Long> onDisk = new TreeMap<>();
        files.forEach(f -> onDisk.put(f.path(), f.size()));
        for (Map.Entry<String, ManifestEntry> entry : manifest.files().entrySet()) {
            Long size = onDisk.remove(entry.getKey());
            if (size == null || size != entry.getValue().size()) {
                throw new DeployException(Stage.PLANNED, folder.resolve(entry.getKey()) + (size == null
                        ? " is in the manifest but not in the folder" : " changed after it was hashed (" + size
                        + " bytes, manifest says " + entry.getValue().size() + ")") + "; run zdd:hash again");
            }
        }
        if (!onDisk.isEmpty()) {
            throw new DeployException(Stage.PLANNED, folder.resolve(onDisk.keySet().iterator().next())
                    + " is not in the manifest (" + onDisk.size() + " file(s) added after hashing); run zdd:hash again");
        }
    }

    public Path file(String path) {
        return folder.resolve(path);
    }
}
