package dev.zdd.deploy.fleet;

import dev.zdd.deploy.DeployException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Undoes a fleet switch that went wrong part-way, for deploys and rollbacks alike: the shared switch first (the
 * old slots still run, so a balancer can send users back to them at once), then every host that moved, at once.
 * The answer names what each host serves afterwards, and a switch-back that failed loudly.
 */
final class SwitchBack {
    private SwitchBack() {
    }

    /** One host's switch back; returns the release it serves again. */
    interface HostStep {
        String back(FleetHost host) throws Exception;
    }

    /**
     * @param moved     the hosts that switched and now go back
     * @param unmoved   what a host that never switched serves
     * @param switchedTo the release the switch went to, which a host whose switch-back failed may still serve
     * @return host name (and "shared proxy") to what it serves now
     */
    static Map<String, String> run(HostWork work, List<FleetHost> hosts, List<FleetHost> moved, SharedSwitch shared,
                                   HostStep step, Function<FleetHost, String> unmoved, String switchedTo) {
        Map<String, String> serving = new LinkedHashMap<>();
        if (shared != null) {
            try {
                serving.put("shared proxy", shared.switchBack());
            } catch (IOException | DeployException | RuntimeException e) {
                serving.put("shared proxy", "SWITCH-BACK FAILED: " + firstLine(e.getMessage()));
            }
        }
        Map<FleetHost, HostWork.Outcome<String>> back = work.onEach(moved, step::back);
        for (FleetHost host : hosts) {
            HostWork.Outcome<String> outcome = back.get(host);
            if (outcome == null) {
                serving.put(host.name(), "not switched; serves " + unmoved.apply(host));
            } else if (outcome.ok()) {
                serving.put(host.name(), "switched back; serves " + outcome.value());
            } else {
                serving.put(host.name(), "SWITCH-BACK FAILED, may serve " + switchedTo + ": "
                        + firstLine(outcome.failure().getMessage()));
            }
        }
        return serving;
    }

    /** The first line of a message, for one line per host. */
    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
