package dev.zdd.deploy.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which hosts of a fleet serve another release than the rest (the majority's; the first listed wins a tie). */
public final class LiveReleases {
    private LiveReleases() {
    }

    /**
     * @param live each host's live release (null for none), in the targets' order
     * @return one line per host that differs from the majority, empty when all agree
     */
    public static List<String> differing(Map<String, String> live) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        live.values().forEach(id -> votes.merge(String.valueOf(id), 1, Integer::sum));
        if (votes.size() <= 1) {
            return List.of();
        }
        String majority = votes.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey).orElseThrow();
        List<String> lines = new ArrayList<>();
        live.forEach((host, id) -> {
            if (!Objects.equals(String.valueOf(id), majority)) {
                lines.add("host " + host + " serves " + (id == null ? "no release" : id) + ", the others serve "
                        + majority + " (" + votes.get(majority) + " of " + live.size() + " hosts); deploy again,"
                        + " or roll back with -Dzdd.release=<id>, to bring the fleet together");
            }
        });
        return lines;
    }
}
