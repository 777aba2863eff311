package dev.zdd.deploy.fleet;

import dev.zdd.hasher.manifest.Manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One smoke check of every host at once, after a deploy's or a rollback's switch: what failed, host by host. */
final class SmokeRound {
    private SmokeRound() {
    }

    /** The manifest of the release a host should now serve. */
    interface ManifestOf {
        Manifest of(FleetHost host) throws Exception;
    }

    /** @return "host: what it answered" for each host that failed; empty when every host passed */
    static List<String> problems(HostWork work, List<FleetHost> hosts, AfterSwitchCheck check,
                                 ManifestOf manifests, String releaseId) {
        Map<FleetHost, HostWork.Outcome<Void>> checked = work.onEach(hosts, host -> {
            check.verify(hosts.indexOf(host), host, manifests.of(host), releaseId);
            host.listener().info("zdd: smoke check passed on " + host.name());
            return null;
        });
        List<String> problems = new ArrayList<>();
        checked.forEach((host, outcome) -> {
            if (!outcome.ok()) {
                problems.add(host.name() + ": " + outcome.failure().getMessage());
            }
        });
        return problems;
    }
}
