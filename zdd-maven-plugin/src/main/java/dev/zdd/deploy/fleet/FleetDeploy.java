package dev.zdd.deploy.fleet;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.Cancellation;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.DeployPlan;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.ReleaseStore;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * One release on several hosts, all switched or none: hosts are locked one by one in the order of their names
 * (two fleet deploys never hold each other's locks), prepared at once (upload, verify), switched at once only when
 * every host is prepared, checked, and only then logged and pruned. A host that fails before the switch leaves
 * every host on its live release; a failed switch or smoke check switches the hosts that moved back. A fleet of
 * one is a plain deploy, with the plain deploy's messages.
 */
public final class FleetDeploy {
    private final List<FleetHost> hosts;
    private final Actor actor;
    private final ExecutorService executor;
    private final AfterSwitchCheck check;
    private final AfterSwitchCheck.OnFailure onCheckFailure;
    private final Consumer<String> log;
    private final SharedSwitch shared;

    /**
     * @param check          smoke checks after the switch, or null for none
     * @param log            fleet-level lines (each host reports to its own listener)
     */
    public FleetDeploy(List<FleetHost> hosts, Actor actor, ExecutorService executor, AfterSwitchCheck check,
                       AfterSwitchCheck.OnFailure onCheckFailure, Consumer<String> log) {
        this(hosts, actor, executor, check, onCheckFailure, log, null);
    }

    /**
     * @param shared a switch the hosts share (a load balancer in front of app hosts), moved once when every host
     *               is prepared and before any host switches; null when each host switches on its own
     */
    public FleetDeploy(List<FleetHost> hosts, Actor actor, ExecutorService executor, AfterSwitchCheck check,
                       AfterSwitchCheck.OnFailure onCheckFailure, Consumer<String> log, SharedSwitch shared) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one host");
        }
        this.hosts = List.copyOf(hosts);
        this.actor = actor;
        this.executor = executor;
        this.check = check;
        this.onCheckFailure = onCheckFailure;
        this.log = log;
        this.shared = shared;
    }

    /** What the fleet did: each host's plan and when its switch landed. */
    public record Result(String releaseId, Map<String, DeployPlan> plans, Map<String, Long> switchedAtNanos,
                         long elapsedMillis) {
        /** Milliseconds between the first and the last host's switch. */
        public long switchSpreadMillis() {
            long min = switchedAtNanos.values().stream().mapToLong(Long::longValue).min().orElse(0);
            long max = switchedAtNanos.values().stream().mapToLong(Long::longValue).max().orElse(0);
            return (max - min) / 1_000_000;
        }
    }

    public Result deploy(StagedRelease.Reading staging, DeployOptions options) throws IOException, DeployException {
        long started = System.currentTimeMillis();
        HostWork work = new HostWork(executor);
        Map<FleetHost, Deployer> deployers = new LinkedHashMap<>();
        for (FleetHost host : hosts) {
            deployers.put(host, new Deployer(host.transport(), host.layout(), actor, host.listener(),
                    host.publisher()));
        }
        Map<FleetHost, Deployer.Locked> locks = lockInOrder(deployers, staging, options);

        // Once one host fails no host is published, so the others stop sending instead of finishing for nothing.
        Cancellation cancellation = new Cancellation();
        Map<FleetHost, HostWork.Outcome<Deployer.Prepared>> prepared = work.onEach(hosts,
                host -> deployers.get(host).prepare(locks.get(host), staging, options,
                        cancellation.forHost(host.name())));
        FleetHost failed = firstFailed(prepared);
        if (failed != null) {
            // A host that fails on its own raises the cancellation first: that host, not one stopped because of it.
            String first = cancellation.firstFailed();
            failed = hosts.stream().filter(h -> h.name().equals(first)).findFirst().orElse(failed);
            Exception cause = prepared.get(failed).failure();
            Map<String, String> serving = new LinkedHashMap<>();
            for (FleetHost host : hosts) {
                HostWork.Outcome<Deployer.Prepared> outcome = prepared.get(host);
                if (outcome.ok()) {
                    outcome.value().abort("not published: " + failed.name() + " failed: " + cause.getMessage());
                    serving.put(host.name(), "prepared, then given up; serves " + live(outcome.value()));
                } else if (Cancellation.stopped(outcome.failure())) {
                    serving.put(host.name(), "stopped before it was ready, since " + failed.name()
                            + " failed; serves " + servedNow(host));
                } else {
                    serving.put(host.name(), "failed: " + firstLine(outcome.failure().getMessage())
                            + "; serves what it served before");
                }
            }
            throw fleetOr(cause, Stage.VERIFIED, "no host was switched: " + failed.name() + " failed before the"
                    + " switch", serving);
        }
        Map<FleetHost, Deployer.Prepared> ready = new LinkedHashMap<>();
        prepared.forEach((host, outcome) -> ready.put(host, outcome.value()));
        Deployer.Prepared first = ready.values().iterator().next();
        if (options.dryRun()) {
            ready.values().forEach(Deployer.Prepared::close);
            return result(options.releaseId(), ready, Map.of(), started);
        }

        if (shared != null) {
            switchShared(ready, options.releaseId());
        }
        Map<FleetHost, HostWork.Outcome<Long>> switched = work.onEach(hosts, host -> {
            ready.get(host).switchLive();
            return System.nanoTime();
        });
        failed = firstFailed(switched);
        if (failed != null) {
            Exception cause = switched.get(failed).failure();
            List<FleetHost> moved = hosts.stream().filter(host -> switched.get(host).ok()).toList();
            Map<String, String> serving = switchBack(work, ready, moved, failed.name() + " could not switch: "
                    + firstLine(cause.getMessage()));
            throw fleetOr(cause, Stage.PUBLISHED, "the fleet was switched back: " + failed.name()
                    + " could not switch to " + options.releaseId(), serving);
        }
        Map<String, Long> switchedAt = new LinkedHashMap<>();
        switched.forEach((host, outcome) -> switchedAt.put(host.name(), outcome.value()));
        if (hosts.size() > 1) {
            log.accept("zdd: all " + hosts.size() + " hosts switched to " + options.releaseId() + " within "
                    + result(options.releaseId(), ready, switchedAt, started).switchSpreadMillis() + " ms");
        }

        if (check != null) {
            smokeCheck(work, ready, first.staged(), options.releaseId());
        }

        Map<FleetHost, HostWork.Outcome<Void>> finished = work.onEach(hosts, host -> {
            ready.get(host).finish();
            return null;
        });
        failed = firstFailed(finished);
        if (failed != null) {
            // Logging or pruning failed: every host serves the new release, which is what a deploy promises.
            Exception cause = finished.get(failed).failure();
            Map<String, String> serving = new LinkedHashMap<>();
            finished.forEach((host, outcome) -> serving.put(host.name(), "serves " + options.releaseId()
                    + (outcome.ok() ? "" : " (then: " + firstLine(outcome.failure().getMessage()) + ")")));
            throw fleetOr(cause, Stage.LOGGED, "every host serves " + options.releaseId() + ", but "
                    + failed.name() + " failed after the switch", serving);
        }
        return result(options.releaseId(), ready, switchedAt, started);
    }

    /** Moves the shared switch; when it refuses, every prepared release is given up and nothing switched. */
    private void switchShared(Map<FleetHost, Deployer.Prepared> ready, String id) throws DeployException {
        try {
            log.accept("zdd: " + shared.switchAll(id));
        } catch (IOException | DeployException | RuntimeException e) {
            Map<String, String> serving = new LinkedHashMap<>();
            ready.forEach((host, prepared) -> {
                prepared.abort("not published: the shared proxy failed: " + firstLine(e.getMessage()));
                serving.put(host.name(), "prepared, then given up; serves " + live(prepared));
            });
            throw new FleetFailure(Stage.PUBLISHED, "zdd: no host was switched: " + firstLine(e.getMessage())
                    + "\nhosts now:", serving, e);
        }
    }

    /** Locks one host after another in name order; on a refusal releases those taken and changes nothing. */
    private Map<FleetHost, Deployer.Locked> lockInOrder(Map<FleetHost, Deployer> deployers,
                                                      StagedRelease.Reading staging, DeployOptions options)
            throws IOException, DeployException {
        List<FleetHost> order = new ArrayList<>(hosts);
        order.sort(Comparator.comparing(FleetHost::name));
        Map<FleetHost, Deployer.Locked> locks = new LinkedHashMap<>();
        for (FleetHost host : order) {
            try {
                locks.put(host, deployers.get(host).lock(staging, options));
            } catch (IOException | DeployException | RuntimeException e) {
                locks.values().forEach(Deployer.Locked::close);
                if (hosts.size() == 1) {
                    throw e;
                }
                throw new DeployException(Stage.LOCKED, "no host was changed: " + host.name() + " could not be"
                        + " locked: " + e.getMessage(), e);
            }
        }
        return locks;
    }

    private void smokeCheck(HostWork work, Map<FleetHost, Deployer.Prepared> ready, StagedRelease staged, String id)
            throws DeployException {
        List<String> problems = SmokeRound.problems(work, hosts, check, host -> staged.manifest(), id);
        if (problems.isEmpty()) {
            return;
        }
        String what = "smoke check failed after the switch to " + id + ":\n  " + String.join("\n  ", problems);
        if (onCheckFailure == AfterSwitchCheck.OnFailure.WARN) {
            log.accept("zdd: WARNING: " + what + "\n  (zdd.smokeFailure=warn: the new release stays live)");
            return;
        }
        Map<String, String> serving = switchBack(work, ready, hosts, "smoke check failed");
        throw new FleetFailure(Stage.PUBLISHED, what + "\nevery host was switched back:", serving, null);
    }

    /** Puts the previous release back on the hosts that moved; says what each host serves afterwards. */
    private Map<String, String> switchBack(HostWork work, Map<FleetHost, Deployer.Prepared> ready,
                                           List<FleetHost> moved, String reason) {
        return SwitchBack.run(work, hosts, moved, shared, host -> ready.get(host).switchBack(reason),
                host -> live(ready.get(host)), ready.values().iterator().next().plan().releaseId());
    }

    private DeployException fleetOr(Exception cause, Stage stage, String what, Map<String, String> serving) {
        if (hosts.size() == 1 && cause instanceof DeployException single) {
            return single;
        }
        return new FleetFailure(stage, "zdd: " + what + ": " + firstLine(cause.getMessage())
                + "\nhosts now:", serving, cause);
    }

    /** What {@code current} names now, read again: a stopped host has no plan to tell. */
    private static String servedNow(FleetHost host) {
        try {
            String id = new ReleaseStore(host.transport(), host.layout()).currentId();
            return id == null ? "no release" : id;
        } catch (IOException | DeployException e) {
            return "what it served before (could not read current: " + firstLine(e.getMessage()) + ")";
        }
    }

    private static String live(Deployer.Prepared prepared) {
        String live = prepared.plan().liveId();
        return live == null ? "no release" : live;
    }

    private <R> FleetHost firstFailed(Map<FleetHost, HostWork.Outcome<R>> outcomes) {
        return outcomes.entrySet().stream().filter(e -> !e.getValue().ok()).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    private static String firstLine(String message) {
        return SwitchBack.firstLine(message);
    }

    private Result result(String id, Map<FleetHost, Deployer.Prepared> ready, Map<String, Long> switchedAt,
                          long started) {
        Map<String, DeployPlan> plans = new LinkedHashMap<>();
        ready.forEach((host, prepared) -> plans.put(host.name(), prepared.plan()));
        return new Result(id, plans, switchedAt, System.currentTimeMillis() - started);
    }
}
