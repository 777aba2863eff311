package dev.zdd.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which releases to remove: everything but the newest {@code keep} complete releases that were live, the
 * current one and the one before it (whatever their age), and the release being deployed. Failed and
 * incomplete releases never count towards {@code keep}, so they can never push a good release out; nor does a
 * release that was rolled back from (a rollback never returns to it), which stays only while it is newer than the
 * oldest good release kept.
 */
final class Pruner {
    private Pruner() {
    }

    static List<String> choose(List<ReleaseStore.Release> releases, String current, String deploying,
                               String previousGood, int keep) {
        Set<String> kept = new HashSet<>();
        if (current != null) {
            kept.add(current);
        }
        if (previousGood != null) {
            kept.add(previousGood);
        }
        if (deploying != null) {
            kept.add(deploying);
        }
        int good = deploying != null ? 1 : 0;
        for (int i = releases.size() - 1; i >= 0; i--) {
            ReleaseStore.Release release = releases.get(i);
            if (good >= keep || release.id().equals(deploying) || !release.complete() || !release.wasLive()) {
                continue;
            }
            kept.add(release.id());
            if (!release.rolledBackFrom()) {
                good++;
            }
        }
        List<String> prune = new ArrayList<>();
        for (ReleaseStore.Release release : releases) {
            if (!kept.contains(release.id())) {
                prune.add(release.id());
            }
        }
        return prune;
    }
}
