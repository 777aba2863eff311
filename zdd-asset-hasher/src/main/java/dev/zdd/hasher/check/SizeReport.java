package dev.zdd.hasher.check;

import java.util.List;
import java.util.Map;

/**
 * Sizes of the checked release, by type, next to the baseline's when there is one.
 *
 * @param current   bytes per type now
 * @param baseline  bytes per type in the baseline; empty without a baseline
 * @param baselineName where the baseline came from, or null
 * @param grown     the files that grew most, largest growth first
 * @param added     files that are new since the baseline
 * @param removed   files that are gone since the baseline
 */
public record SizeReport(Map<SizeCategory, Long> current, Map<SizeCategory, Long> baseline, String baselineName,
                         List<FileChange> grown, List<FileChange> added, List<FileChange> removed) {

    public long total() {
        return current.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean hasBaseline() {
        return baselineName != null;
    }

    public long baselineTotal() {
        return baseline.values().stream().mapToLong(Long::longValue).sum();
    }
}
