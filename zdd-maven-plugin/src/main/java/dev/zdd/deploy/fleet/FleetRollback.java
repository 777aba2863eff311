package dev.zdd.deploy.fleet;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.Stage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

/**
 * Makes one earlier release live on every host, or on none: each host is locked (in name order) and checked first
 * (the release must be there, complete and undamaged on every host, and without a name every host must agree on
 * what "previous" is), and only then are all switched at once. A host whose switch fails has the others switched
 * back.
 */
public final class FleetRollback {
    private final List<FleetHost> hosts;
    private final Actor actor;
    private final ExecutorService executor;

    public FleetRollback(List<FleetHost> hosts, Actor actor, ExecutorService executor) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one host");
        }
        this.hosts = List.copyOf(hosts);
        this.actor = actor;
        this.executor = executor;
    }

    /**
     * @param target the release to return to, or null for the one live before the current one (the same on
     *               every host)
     * @return the release now live everywhere
     */
    public String rollback(String target, Duration lease, Duration wait) throws IOException, DeployException {
        if (hosts.size() == 1) {
            FleetHost host = hosts.get(0);
            return new Rollback(host.transport(), host.layout(), actor, host.listener(), host.publisher())
                    .rollback(target, lease, wait);
        }
        List<FleetHost> order = new ArrayList<>(hosts);
        order.sort(Comparator.comparing(FleetHost::name));
        Map<FleetHost, Rollback.Ready> ready = new LinkedHashMap<>();
        try {
            List<String> refusals = new ArrayList<>();
            for (FleetHost host : order) {
                try {
                    ready.put(host, new Rollback(host.transport(), host.layout(), actor, host.listener(),
                            host.publisher()).prepare(target, lease, wait));
                } catch (DeployException e) {
                    refusals.add(host.name() + ": " + e.getMessage());
                }
            }
            if (!refusals.isEmpty()) {
                throw new DeployException(Stage.PLANNED, "zdd: no host was rolled back"
                        + (target == null ? "" : " to " + target) + ":\n  " + String.join("\n  ", refusals));
            }
            TreeSet<String> targets = new TreeSet<>();
            ready.values().forEach(r -> targets.add(r.target()));
            if (targets.size() > 1) {
                StringBuilder choices = new StringBuilder();
                ready.forEach((host, r) -> choices.append("\n  ").append(host.name()).append(": live ")
                        .append(r.current()).append(", previous ").append(r.target()));
                throw new DeployException(Stage.PLANNED, "zdd: no host was rolled back: the hosts disagree on the"
                        + " previous release; name the release with -Dzdd.release=<id>" + choices);
            }
            String to = targets.first();
            HostWork work = new HostWork(executor);
            Map<FleetHost, HostWork.Outcome<String>> switched = work.onEach(hosts, host -> ready.get(host)
                    .switchLive());
            FleetHost failed = switched.entrySet().stream().filter(e -> !e.getValue().ok())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (failed == null) {
                return to;
            }
            Exception cause = switched.get(failed).failure();
            List<FleetHost> moved = hosts.stream().filter(host -> switched.get(host).ok()).toList();
            Map<FleetHost, HostWork.Outcome<String>> back = work.onEach(moved, host -> ready.get(host)
                    .switchBack(failed.name() + " could not roll back"));
            Map<String, String> serving = new LinkedHashMap<>();
            for (FleetHost host : hosts) {
                HostWork.Outcome<String> outcome = back.get(host);
                if (outcome == null) {
                    serving.put(host.name(), "not switched; serves " + ready.get(host).current());
                } else if (outcome.ok()) {
                    serving.put(host.name(), "switched back; serves " + outcome.value());
                } else {
                    serving.put(host.name(), "SWITCH-BACK FAILED, may serve " + to + ": "
                            + outcome.failure().getMessage());
                }
            }
            throw new FleetFailure(Stage.PUBLISHED, "zdd: the fleet rollback to " + to + " was undone: "
                    + failed.name() + " failed: " + cause.getMessage() + "\nhosts now:", serving, cause);
        } finally {
            ready.values().forEach(Rollback.Ready::close);
        }
    }
}
