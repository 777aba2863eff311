package dev.zdd.deploy;

import dev.zdd.hasher.HasherConfig;
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

    public static StagedRelease read(Path folder) throws IOException, DeployException {
        if (!Files.isDirectory(folder)) {
            throw new DeployException(Stage.PLANNED, "nothing to deploy: " + folder + " is not a folder; run"
                    + " zdd:hash first or set zdd.stagedDirectory");
        }
        SiteScanner scanner = new SiteScanner(Glob.all(HasherConfig.DEFAULT_IGNORES), List.of(), List.of(),
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
                            org.apache.commons.codec.digest.DigestUtils.sha256Hex(in)));
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
