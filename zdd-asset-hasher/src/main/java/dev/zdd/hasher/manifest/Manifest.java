package dev.zdd.hasher.manifest;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a staged release holds. {@code paths} maps each hashed asset's original path to its hashed path, as
 * Django's {@code ManifestStaticFilesStorage} reads it; {@code files} lists every file of the release by its
 * path there, with its size and digest, for incremental uploads and size comparisons.
 */
public record Manifest(SortedMap<String, String> paths, SortedMap<String, ManifestEntry> files) {
    /** Where a staged release keeps its manifest, relative to the release root. */
    public static final String LOCATION = ".zdd/manifest.json";

    public Manifest {
        paths = Collections.unmodifiableSortedMap(new TreeMap<>(paths));
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public long totalSize() {
        return files.values().stream().mapToLong(ManifestEntry::size).sum();
    }
}
