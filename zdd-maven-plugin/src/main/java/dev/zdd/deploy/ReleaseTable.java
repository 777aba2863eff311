package dev.zdd.deploy;

import java.util.Set;
import dev.zdd.hasher.text.ByteSize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines {@code zdd:releases} prints: every release with its markers, then the recent log. */
public final class ReleaseTable {
    private ReleaseTable() {
    }

    public static List<String> lines(ReleaseStore store, int logEntries) throws IOException, DeployException {
        List<ReleaseStore.Release> releases = store.releases();
        String current = store.currentId();
        String previous = store.previousGood(current, releases);
        Set<String> rolledBackFrom = ReleaseStore.rolledBackFrom(store.log().entries());
        List<String> lines = new ArrayList<>();
        String format = "%-2s %-34s %-24s %-26s %-9s %9s %7s  %s";
        lines.add(String.format(Locale.ROOT, format, "", "RELEASE", "WHEN", "WHO", "SHA", "SIZE", "FILES",
                "STATE"));
        for (int i = releases.size() - 1; i >= 0; i--) {
            ReleaseStore.Release r = releases.get(i);
            Map<String, Object> info = r.info();
            String marker = r.id().equals(current) ? "*" : r.id().equals(previous) ? "<" : "";
            String state = !r.complete() ? "incomplete" : r.id().equals(current) ? "current"
                    : r.id().equals(previous) ? "previous" : rolledBackFrom.contains(r.id()) ? "rolled back from"
                    : r.wasLive() ? "was live" : "never live";
            String sha = info.get("gitSha") == null ? "" : info.get("gitSha").toString();
            lines.add(String.format(Locale.ROOT, format, marker, r.id(), value(info, "time"), value(info, "who"),
                    sha.substring(0, Math.min(ReleaseId.SHORT_SHA, sha.length())),
                    info.get("bytes") instanceof Long b ? ByteSize.format(b) : "",
                    value(info, "files"), state));
        }
        if (releases.isEmpty()) {
            lines.add("(no releases)");
        }
        List<DeployLog.Entry> entries = store.log().entries();
        lines.add("");
        lines.add("Recent deploys and rollbacks (" + Math.min(logEntries, entries.size()) + " of " + entries.size()
                + "):");
        for (int i = Math.max(0, entries.size() - logEntries); i < entries.size(); i++) {
            DeployLog.Entry e = entries.get(i);
            boolean knownStage = e.stage() != null && !Stage.FAILED.id().equals(e.stage());
            lines.add("  " + e.time() + "  " + e.action() + " " + (e.release() == null ? "(no release chosen)"
                    : e.release()) + (e.previous() == null ? "" : " (from " + e.previous() + ")") + "  " + e.outcome()
                    + (e.succeeded() ? "" : (knownStage ? " at " + e.stage() : "") + (e.message() == null ? ""
                    : ": " + e.message())) + "  by " + e.who() + ", " + e.durationMillis() + " ms");
        }
        return lines;
    }

    private static String value(Map<String, Object> info, String key) {
        Object value = info.get(key);
        return value == null ? "" : value.toString();
    }
}
