package dev.zdd.deploy.fleet;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.ReleaseStore;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.Stage;
import dev.zdd.hasher.manifest.Manifest;

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
 * back. With a smoke check, every host must then serve the release it returned to; a host that does not fails
 * the rollback without undoing it (what it left was the release the user wanted gone).
 */
public final class FleetRollback {
    private final List<FleetHost> hosts;
    private final Actor actor;
    private final ExecutorService executor;
    private final SharedSwitch shared;
    private final AfterSwitchCheck check;

    public FleetRollback(List<FleetHost> hosts, Actor actor, ExecutorService executor) {
        this(hosts, actor, executor, null, null);
    }

    /**
     * @param shared a switch the hosts share (a load balancer in front of app hosts), moved once when every host
     *               has readied the release; null when each host switches on its own
     * @param check  smoke checks once every host switched, or null for none
     */
    public FleetRollback(List<FleetHost> hosts, Actor actor, ExecutorService executor, SharedSwitch shared,
                         AfterSwitchCheck check) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one host");
        }
        this.hosts = List.copyOf(hosts);
        this.actor = actor;
        this.executor = executor;
        this.shared = shared;
        this.check = check;
    }

    /**
     * @param target the release to return to, or null for the one live before the current one (the same on
     *               every host)
     * @return the release now live everywhere
     */
    public String rollback(String target, Duration lease, Duration wait) throws IOException, DeployException {
        String live = switchTo(target, lease, wait);
        if (check != null) {
            verifyServed(live);
        }
        return live;
    }

    private void verifyServed(String live) throws DeployException {
        List<String> problems = SmokeRound.problems(new HostWork(executor), hosts, check, host -> {
            Manifest manifest = new ReleaseStore(host.transport(), host.layout()).manifest(live);
            if (manifest == null) {
                throw new IOException("release " + live + " has no readable manifest to compare with");
            }
            return manifest;
        }, live);
        if (!problems.isEmpty()) {
            throw new DeployException(Stage.PUBLISHED, "zdd: " + live + " is live again, but the smoke check failed:\n  "
                    + String.join("\n  ", problems) + "\nthe rollback stands (current points at " + live
                    + " on every host); a host that answers with other bytes has a cache or a server root that does"
                    + " not follow current");
        }
    }

    private String switchTo(String target, Duration lease, Duration wait) throws IOException, DeployException {
        if (hosts.size() == 1 && shared == null) {
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
            if (shared != null) {
                switchShared(work, ready, to);
            }
            Map<FleetHost, HostWork.Outcome<String>> switched = work.onEach(hosts, host -> ready.get(host)
                    .switchLive());
            FleetHost failed = switched.entrySet().stream().filter(e -> !e.getValue().ok())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (failed == null) {
                return to;
            }
            Exception cause = switched.get(failed).failure();
            List<FleetHost> moved = hosts.stream().filter(host -> switched.get(host).ok()).toList();
            Map<String, String> serving = SwitchBack.run(work, hosts, moved, shared, host -> ready.get(host)
                    .switchBack(failed.name() + " could not roll back"), host -> ready.get(host).current(), to);
            throw new FleetFailure(Stage.PUBLISHED, "zdd: the fleet rollback to " + to + " was undone: "
                    + failed.name() + " failed: " + cause.getMessage() + "\nhosts now:", serving, cause);
        } finally {
            ready.values().forEach(Rollback.Ready::close);
        }
    }

    /**
     * Readies the release on every host (an app's slot must answer before the balancer moves), then moves the
     * shared switch once; a host or the switch that fails leaves every host and the balancer as they were.
     */
    private void switchShared(HostWork work, Map<FleetHost, Rollback.Ready> ready, String to)
            throws DeployException {
        Map<FleetHost, HostWork.Outcome<Void>> staged = work.onEach(hosts, host -> {
            ready.get(host).stage();
            return null;
        });
        List<String> failures = new ArrayList<>();
        staged.forEach((host, outcome) -> {
            if (!outcome.ok()) {
                failures.add(host.name() + ": " + outcome.failure().getMessage());
            }
        });
        if (failures.isEmpty()) {
            try {
                hosts.get(0).listener().info("zdd: " + shared.switchAll(to));
                return;
            } catch (IOException | DeployException | RuntimeException e) {
                failures.add("the shared proxy: " + e.getMessage());
            }
        }
        ready.values().forEach(r -> r.unstage("the rollback was given up"));
        throw new DeployException(Stage.PUBLISHED, "zdd: no host was rolled back to " + to + ":\n  "
                + String.join("\n  ", failures));
    }
}
