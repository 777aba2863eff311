package dev.zdd.hasher.check;

import java.util.Locale;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.site.Glob;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.text.ByteSize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Size budgets: absolute ones (whole release, per type, per file by glob) and growth since a baseline (whole
 * release and per type). Files are compared across releases by their site path, since hashed names change.
 */
final class SizeCheck {
    /** The whole release, where a problem concerns no single file. */
    static final String RELEASE = "(release)";

    private final CheckConfig config;
    private final List<SiteFile> files;
    private final Map<String, String> sources;
    private final List<Diagnostic> problems = new ArrayList<>();

    /** @param sources release path to site path, from the release's manifest; empty when it has none */
    SizeCheck(CheckConfig config, List<SiteFile> files, Map<String, String> sources) {
        this.config = config;
        this.files = files;
        this.sources = sources;
    }

    boolean hasBudgets() {
        return config.maxTotalSize() != null || !config.maxTypeSize().isEmpty() || !config.maxFileSize().isEmpty();
    }

    List<Diagnostic> problems() {
        return problems;
    }

    SizeReport run() throws IOException {
        Map<SizeCategory, Long> current = totals();
        Map<String, Long> bySource = new HashMap<>();
        for (SiteFile file : files) {
            bySource.merge(sources.getOrDefault(file.path(), file.path()), file.size(), Long::sum);
        }
        checkBudgets(current);
        if (config.baseline() == null) {
            return new SizeReport(current, Map.of(), null, List.of(), List.of(), List.of());
        }
        Manifest baseline = config.baseline().load();
        if (baseline == null) {
            return new SizeReport(current, Map.of(), null, List.of(), List.of(), List.of());
        }
        Map<SizeCategory, Long> before = new EnumMap<>(SizeCategory.class);
        for (SizeCategory category : SizeCategory.values()) {
            before.put(category, 0L);
        }
        Map<String, Long> baselineBySource = new HashMap<>();
        for (Map.Entry<String, ManifestEntry> entry : baseline.files().entrySet()) {
            before.merge(SizeCategory.of(entry.getKey()), entry.getValue().size(), Long::sum);
            baselineBySource.merge(entry.getValue().source(), entry.getValue().size(), Long::sum);
        }
        checkGrowth(before, current);

        List<FileChange> grown = new ArrayList<>();
        List<FileChange> added = new ArrayList<>();
        List<FileChange> removed = new ArrayList<>();
        bySource.forEach((path, size) -> {
            Long old = baselineBySource.get(path);
            if (old == null) {
                added.add(new FileChange(path, 0, size));
            } else if (size > old) {
                grown.add(new FileChange(path, old, size));
            }
        });
        baselineBySource.forEach((path, size) -> {
            if (!bySource.containsKey(path)) {
                removed.add(new FileChange(path, size, 0));
            }
        });
        Comparator<FileChange> largestFirst = Comparator.comparingLong((FileChange c) -> -Math.abs(c.growth()))
                .thenComparing(FileChange::path);
        grown.sort(largestFirst);
        added.sort(largestFirst);
        removed.sort(largestFirst);
        return new SizeReport(current, before, config.baseline().describe(),
                List.copyOf(grown.subList(0, Math.min(grown.size(), config.topFiles()))), added, removed);
    }

    private Map<SizeCategory, Long> totals() {
        Map<SizeCategory, Long> totals = new EnumMap<>(SizeCategory.class);
        for (SizeCategory category : SizeCategory.values()) {
            totals.put(category, 0L);
        }
        for (SiteFile file : files) {
            totals.merge(SizeCategory.of(file.path()), file.size(), Long::sum);
        }
        return totals;
    }

    private void checkBudgets(Map<SizeCategory, Long> current) {
        long total = current.values().stream().mapToLong(Long::longValue).sum();
        if (config.maxTotalSize() != null && total > config.maxTotalSize()) {
            problems.add(budget(RELEASE, "the release is " + ByteSize.format(total) + ", over its budget of "
                    + ByteSize.format(config.maxTotalSize()), "maxTotalSize"));
        }
        config.maxTypeSize().forEach((category, max) -> {
            long size = current.get(category);
            if (size > max) {
                problems.add(budget(RELEASE, category.id() + " files total " + ByteSize.format(size)
                        + ", over their budget of " + ByteSize.format(max), "maxTypeSize " + category.id()));
            }
        });
        for (Map.Entry<String, Long> limit : config.maxFileSize().entrySet()) {
            Glob glob = Glob.of(limit.getKey());
            for (SiteFile file : files) {
                String source = sources.getOrDefault(file.path(), file.path());
                if ((glob.matches(file.path()) || glob.matches(source)) && file.size() > limit.getValue()) {
                    problems.add(budget(file.path(), file.path() + " is " + ByteSize.format(file.size())
                            + ", over the " + ByteSize.format(limit.getValue()) + " budget of '" + limit.getKey()
                            + "'", "maxFileSize " + limit.getKey()));
                }
            }
        }
    }

    private void checkGrowth(Map<SizeCategory, Long> before, Map<SizeCategory, Long> after) {
        long totalBefore = before.values().stream().mapToLong(Long::longValue).sum();
        long totalAfter = after.values().stream().mapToLong(Long::longValue).sum();
        GrowthLimit limit = config.maxGrowth();
        if (limit != null && limit.exceededBy(totalBefore, totalAfter)) {
            problems.add(regression("the release grew " + change(totalBefore, totalAfter) + " since the baseline,"
                    + " more than its limit of " + limit, "maxGrowth"));
        }
        config.maxTypeGrowth().forEach((category, typeLimit) -> {
            long was = before.get(category);
            long now = after.get(category);
            if (typeLimit.exceededBy(was, now)) {
                problems.add(regression(category.id() + " files grew " + change(was, now) + " since the baseline,"
                        + " more than their limit of " + typeLimit, "maxTypeGrowth " + category.id()));
            }
        });
    }

    private static String change(long before, long after) {
        String percent = before == 0 ? "" : String.format(Locale.ROOT, " (%+.1f%%)",
                (after - before) * 100.0 / before);
        return ByteSize.formatChange(after - before) + percent + ", from " + ByteSize.format(before) + " to "
                + ByteSize.format(after);
    }

    private static Diagnostic budget(String file, String message, String parameter) {
        return new Diagnostic(Severity.ERROR, ProblemKind.SIZE_BUDGET.id(), file, 0, 0, "", message,
                "make it smaller, or raise " + parameter);
    }

    private static Diagnostic regression(String message, String parameter) {
        return new Diagnostic(Severity.ERROR, ProblemKind.SIZE_REGRESSION.id(), RELEASE, 0, 0, "", message,
                "see the most-grown files in the report; raise " + parameter + " if the growth is intended");
    }
}
