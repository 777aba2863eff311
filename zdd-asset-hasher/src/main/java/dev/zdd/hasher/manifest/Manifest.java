package dev.zdd.hasher.manifest;

import java.util.Collections;
import java.util.Map;
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
        paths = Collections.unmodifiableSortedMap(naturallySorted(paths));
        files = Collections.unmodifiableSortedMap(naturallySorted(files));
    }

    /** A copy in natural key order: {@code new TreeMap<>(sortedMap)} would keep the caller's comparator. */
    private static <V> SortedMap<String, V> naturallySorted(Map<String, V> map) {
        SortedMap<String, V> copy = new TreeMap<>();
        copy.putAll(map);
        return copy;
    }

    public long totalSize() {
        return files.values().stream().mapToLong(ManifestEntry::size).sum();
    }
}
