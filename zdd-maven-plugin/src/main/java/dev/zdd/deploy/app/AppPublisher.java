package dev.zdd.deploy.app;

import java.io.InterruptedIOException;
import dev.zdd.deploy.Cancellation;
import dev.zdd.deploy.CurrentLink;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.transport.Endpoint;
import dev.zdd.deploy.transport.Host;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Blue/green publishing of an app: the new release starts on the idle slot, must pass its health gate and warm-up
 * before any user reaches it, then the proxy switches to it and {@code current} follows; the old slot keeps
 * running, idle, for a while, so that a rollback is a switch back and starts nothing.
 */
public final class AppPublisher implements Publisher {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_LINES = 20;

    private final Transport transport;
    private final DeployLayout layout;
    private final SlotLayout slots;
    private final AppSettings settings;
    private final DeployListener listener;
    private final Host host;
    private final SlotProcesses processes;
    private final ProxySwitch proxy;
    private final ReleaseMigrations migrations;
    private final HealthExpectations expectations;
    private Staged staged;

    /** For a release that carries no migrations, and for rollbacks (which bring nothing new). */
    public AppPublisher(Transport transport, DeployLayout layout, AppSettings settings, DeployListener listener)
            throws IOException, DeployException {
        this(transport, layout, settings, listener, ReleaseMigrations.none());
    }

    /** @param migrations the migrations the release to deploy carries, recorded with it and gated on */
    public AppPublisher(Transport transport, DeployLayout layout, AppSettings settings, DeployListener listener,
                        ReleaseMigrations migrations) throws IOException, DeployException {
        this.migrations = migrations;
        this.expectations = HealthExpectations.parse(settings.healthJson());
        this.transport = transport;
        this.layout = layout;
        this.slots = new SlotLayout(layout);
        this.settings = settings;
        this.listener = listener;
        this.host = transport.host();
        if (host == null) {
            throw new DeployException(Stage.PLANNED, transport.describe() + " runs no commands ("
                    + transport.whyNoHost() + "), so it cannot start an app; app deploys need a shell on the target");
        }
        try {
            for (Slot slot : Slot.values()) {
                endpoint(slot);
            }
        } catch (IllegalArgumentException e) {
            throw new DeployException(Stage.PLANNED, e.getMessage(), e);
        }
        this.processes = new SlotProcesses(host, layout, settings);
        this.proxy = switch (settings.mode()) {
            case SOCKET -> new SocketLinkSwitch(transport, slots);
            case NGINX -> new NginxUpstreamSwitch(transport, host, settings, slots);
            case SHARED -> new SharedProxyMember(transport, slots);
        };
    }

    public Endpoint endpoint(Slot slot) {
        return settings.mode() == AppSettings.SwitchMode.SOCKET ? Endpoint.socket(slots.socket(slot))
                : Endpoint.port(settings.port(slot));
    }

    /**
     * A release that brings a contract migration waits until no slot runs a release other than the live one (the
     * kept previous release): that code may still read what the migration removes.
     */
    @Override
    public void check(String releaseId, String live) throws IOException, DeployException {
        if (live == null || migrations.contracts().isEmpty()) {
            return;
        }
        List<String> fresh = migrations.newContracts(ReleaseMigrations.read(transport, layout, live));
        if (fresh.isEmpty()) {
            return;
        }
        for (Slot slot : Slot.values()) {
            SlotState state = SlotState.read(transport, slots, slot);
            boolean other = state.release() != null && !state.release().equals(live);
            boolean running = SlotState.LIVE.equals(state.role()) || SlotState.KEPT.equals(state.role());
            if (other && running && processes.alive(slot)) {
                throw new DeployException(Stage.PLANNED, "release " + releaseId + " brings contract migration(s) "
                        + String.join("; ", fresh) + ", but slot " + slot.id() + " still runs " + state.release()
                        + ", not the live release " + live + (state.keptUntil() == null ? ""
                        : ", kept until " + state.keptUntil()) + ": that code may still use what the migration"
                        + " removes. Deploy this release once that slot has stopped, or ship the expand part first"
                        + " (nothing was changed)");
            }
        }
    }

    /** Starts the release on the idle slot and gates it (health, warm-up); nothing switches yet. */
    @Override
    public boolean stage(String releaseId, String live, Cancellation cancellation)
            throws IOException, DeployException {
        SavedAppSettings.write(transport, layout, settings);
        migrations.write(transport, layout, releaseId);
        Slot old = liveSlot();
        staged = new Staged(releaseId, start(releaseId, old, cancellation), old, false);
        return true;
    }

    /**
     * Readies an earlier release for a rollback before any switch: the kept slot that still runs it, healthy, or
     * else a start on the idle slot, gated like a deploy's. Behind a shared proxy the fleet's proxy is switched
     * only once every host has its slot ready.
     */
    @Override
    public boolean stageRestore(String releaseId, String live) throws IOException, DeployException {
        Slot liveSlot = liveSlot();
        Slot kept = keptSlotRunning(releaseId, liveSlot);
        staged = kept != null ? new Staged(releaseId, kept, liveSlot, true)
                : new Staged(releaseId, start(releaseId, liveSlot, new Cancellation()), liveSlot, false);
        return true;
    }

    /** The release will not go live: a slot started for it is stopped (a kept one stays kept). */
    @Override
    public void unstage(String releaseId) {
        if (staged != null && staged.releaseId().equals(releaseId)) {
            if (!staged.wasKept()) {
                stopFailed(staged.slot(), releaseId);
            }
            staged = null;
        }
    }

    /** The port of the slot {@link #stage} or {@link #stageRestore} readied, for a shared proxy's include. */
    public int stagedPort() {
        if (staged == null) {
            throw new IllegalStateException("no release is staged");
        }
        return settings.port(staged.slot());
    }

    /** The slot {@link #stage} or {@link #stageRestore} readied, or null. */
    public Slot stagedSlot() {
        return staged == null ? null : staged.slot();
    }

    @Override
    public String publish(String releaseId, String live) throws IOException, DeployException {
        if (staged != null && staged.releaseId().equals(releaseId)) {
            Staged ready = staged;
            staged = null;
            return switchTo(ready.slot(), releaseId, ready.old(), live);
        }
        SavedAppSettings.write(transport, layout, settings);
        migrations.write(transport, layout, releaseId);
        return startAndSwitch(releaseId, live);
    }

    /**
     * A release ready on its slot, waiting for the switch; {@code old} is the live slot, {@code wasKept} says the
     * slot was the kept one (nothing was started for it).
     */
    private record Staged(String releaseId, Slot slot, Slot old, boolean wasKept) {
    }

    /** Within the keep window a switch back to the running slot (seconds, nothing started); else a new start. */
    @Override
    public String restore(String releaseId, String live) throws IOException, DeployException {
        if (staged != null && staged.releaseId().equals(releaseId)) {
            Staged ready = staged;
            staged = null;
            return ready.wasKept() ? flipBack(ready.slot(), releaseId, ready.old(), live)
                    : switchTo(ready.slot(), releaseId, ready.old(), live);
        }
        Slot liveSlot = liveSlot();
        Slot kept = keptSlotRunning(releaseId, liveSlot);
        return kept != null ? flipBack(kept, releaseId, liveSlot, live) : startAndSwitch(releaseId, live);
    }

    /** The kept slot that still runs {@code releaseId} and answers its health check, or null. */
    private Slot keptSlotRunning(String releaseId, Slot liveSlot) throws IOException {
        for (Slot slot : Slot.values()) {
            SlotState state = SlotState.read(transport, slots, slot);
            if (slot != liveSlot && releaseId.equals(state.release()) && SlotState.KEPT.equals(state.role())
                    && processes.alive(slot)) {
                String unhealthy = answerProblem(slot);
                if (unhealthy == null) {
                    return slot;
                }
                listener.warn("zdd: slot " + slot.id() + " still runs " + releaseId + " but is not healthy ("
                        + unhealthy + "); starting it afresh");
            }
        }
        return null;
    }

    /** Releases a slot runs or keeps: never pruned. */
    @Override
    public Set<String> inUse() throws IOException {
        Set<String> running = new HashSet<>();
        for (Slot slot : Slot.values()) {
            SlotState state = SlotState.read(transport, slots, slot);
            if (state.release() != null && !SlotState.STOPPED.equals(state.role())) {
                running.add(state.release());
            }
        }
        return running;
    }

    /** The slot the proxy sends requests to, or null before the first deploy. */
    public Slot liveSlot() throws IOException {
        return proxy.live();
    }

    private String startAndSwitch(String releaseId, String live) throws IOException, DeployException {
        Slot old = liveSlot();
        return switchTo(start(releaseId, old, new Cancellation()), releaseId, old, live);
    }

    /** Starts the release on the slot that is not {@code old}, gates and warms it; returns that slot. */
    private Slot start(String releaseId, Slot old, Cancellation cancellation) throws IOException, DeployException {
        Slot slot = old == null ? Slot.BLUE : old.other();
        clear(slot);
        String instance = SlotProcesses.newInstance();
        long launched = System.currentTimeMillis();
        new SlotState(slot, releaseId, SlotState.STARTING, instance, Instant.now(), null).write(transport, slots);
        long pid;
        try {
            pid = processes.start(slot, releaseId, instance);
        } catch (IOException e) {
            stopFailed(slot, releaseId);
            throw new DeployException(Stage.LAUNCHED, "the start command failed on slot " + slot.id() + ": "
                    + e.getMessage() + " (nothing was switched)", e);
        }
        listener.stage(Stage.LAUNCHED, releaseId + " on slot " + slot.id() + " (" + endpoint(slot) + ")"
                + (pid > 0 ? ", pid " + pid : ""));
        gate(slot, releaseId, launched, cancellation);
        warmUp(slot, releaseId, cancellation);
        return slot;
    }

    /** Stops whatever still runs on the slot about to be used, then makes sure nothing foreign holds its endpoint. */
    private void clear(Slot slot) throws IOException, DeployException {
        SlotState state = SlotState.read(transport, slots, slot);
        if (processes.cancelAndStop(slot, state.release())) {
            listener.warn("zdd: the app on slot " + slot.id() + " did not stop within " + settings.stopTimeout()
                    .toSeconds() + " s and was killed");
        }
        if (state.release() != null && !SlotState.STOPPED.equals(state.role())) {
            state.as(SlotState.STOPPED, null).write(transport, slots);
        }
        Endpoint endpoint = endpoint(slot);
        try (Host.Connection ignored = host.connect(endpoint)) {
            throw new DeployException(Stage.LAUNCHED, endpoint + " on " + host.describe() + " is in use by a process"
                    + " zdd did not start, so slot " + slot.id() + " cannot start there; stop it or choose other"
                    + " zdd.ports (nothing was switched)");
        } catch (ConnectException free) {
            if (endpoint.isSocket()) {
                transport.removeTree(endpoint.socket());
            }
        }
    }

    private void gate(Slot slot, String releaseId, long launched, Cancellation cancellation)
            throws IOException, DeployException {
        long deadline = launched + settings.healthTimeout().toMillis();
        String last = "no answer yet";
        long pause = 100;
        try (HttpProbe probe = new HttpProbe(host)) {
            while (true) {
                try {
                    HttpProbe.Response response = probe.get(endpoint(slot), settings.health(), settings.healthHost(),
                            PROBE_TIMEOUT);
                    List<String> unmet = response.ok() ? expectations.unmet(response.body()) : List.of();
                    if (response.ok() && unmet.isEmpty()) {
                        listener.stage(Stage.HEALTHY, "slot " + slot.id() + " answered " + settings.health() + " with"
                                + " HTTP " + response.status() + (expectations.isEmpty() ? "" : " and "
                                + settings.healthJson()) + " " + (System.currentTimeMillis() - launched)
                                + " ms after its start");
                        return;
                    }
                    last = response.summary() + (unmet.isEmpty() ? "" : " (" + String.join("; ", unmet) + ")");
                } catch (IOException e) {
                    last = e.getMessage();
                    // Asked only when the slot does not answer: each question is a command on the host.
                    if (!processes.alive(slot)) {
                        stopFailed(slot, releaseId);
                        throw new DeployException(Stage.HEALTHY, "the app on slot " + slot.id() + " exited "
                                + (System.currentTimeMillis() - launched) + " ms after its start, before it was"
                                + " healthy (nothing was switched)" + logTail(slot));
                    }
                }
                // Another host failed: this slot will not go live, so waiting out the timeout helps no one.
                stopIfCancelled(slot, releaseId, cancellation);
                if (System.currentTimeMillis() >= deadline) {
                    stopFailed(slot, releaseId);
                    throw new DeployException(Stage.HEALTHY, "slot " + slot.id() + " (" + releaseId + ") was not"
                            + " healthy within " + settings.healthTimeout().toSeconds() + " s (zdd.healthTimeout);"
                            + " the last answer to " + settings.health() + ": " + last + "; the app was stopped and"
                            + " nothing was switched" + logTail(slot));
                }
                sleep(Math.min(pause, Math.max(1, deadline - System.currentTimeMillis())));
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    private void stopIfCancelled(Slot slot, String releaseId, Cancellation cancellation) throws IOException {
        if (cancellation.cancelled()) {
            stopFailed(slot, releaseId);
            cancellation.check();
        }
    }

    private void warmUp(Slot slot, String releaseId, Cancellation cancellation) throws IOException, DeployException {
        if (settings.warmup().isEmpty()) {
            return;
        }
        long started = System.currentTimeMillis();
        try (HttpProbe probe = new HttpProbe(host)) {
            for (String path : settings.warmup()) {
                stopIfCancelled(slot, releaseId, cancellation);
                String problem;
                try {
                    HttpProbe.Response response = probe.get(endpoint(slot), path, settings.healthHost(),
                            settings.healthTimeout());
                    problem = response.ok() ? null : response.summary();
                } catch (IOException e) {
                    problem = e.getMessage();
                }
                if (problem != null) {
                    stopFailed(slot, releaseId);
                    throw new DeployException(Stage.WARMED, "warm-up request " + path + " on slot " + slot.id()
                            + " failed: " + problem + "; the app was stopped and nothing was switched" + logTail(slot));
                }
            }
        }
        listener.stage(Stage.WARMED, settings.warmup().size() + " path(s) requested on slot " + slot.id() + " in "
                + (System.currentTimeMillis() - started) + " ms");
    }

    private String switchTo(Slot slot, String releaseId, Slot old, String live) throws IOException, DeployException {
        String how;
        try {
            how = proxy.switchTo(slot);
        } catch (DeployException | IOException e) {
            stopFailed(slot, releaseId);
            throw e instanceof DeployException d ? d : new DeployException(Stage.SWITCHED, "the switch to slot "
                    + slot.id() + " failed: " + e.getMessage() + " (the live slot keeps serving)", e);
        }
        CurrentLink.swap(transport, layout, releaseId);
        SlotState.read(transport, slots, slot).as(SlotState.LIVE, null).write(transport, slots);
        listener.stage(Stage.SWITCHED, how);
        String problem = publicProblem(releaseId);
        if (problem == null) {
            problem = watch(slot);
        }
        if (problem != null) {
            if (old != null && live != null && processes.alive(old)) {
                proxy.switchTo(old);
                CurrentLink.swap(transport, layout, live);
                SlotState.read(transport, slots, old).as(SlotState.LIVE, null).write(transport, slots);
                stopFailed(slot, releaseId);
                throw new DeployException(Stage.WATCHED, problem + "; switched back to slot " + old.id() + " ("
                        + live + "), which serves again" + logTail(slot));
            }
            throw new DeployException(Stage.WATCHED, problem + "; there is no running slot to switch back to, so "
                    + releaseId + " stays live");
        }
        keepOld(old);
        return releaseId + " is live on slot " + slot.id() + (old == null ? "" : "; slot " + old.id() + " "
                + (settings.keepOldFor().isZero() ? "stopped" : "kept running until " + Instant.now()
                .plus(settings.keepOldFor()) + " for a quick rollback"));
    }

    /** After a rollback inside the keep window: the kept slot takes traffic again; nothing starts. */
    private String flipBack(Slot slot, String releaseId, Slot from, String live) throws IOException, DeployException {
        long started = System.currentTimeMillis();
        processes.cancelStop(slot);
        String how = proxy.switchTo(slot);
        CurrentLink.swap(transport, layout, releaseId);
        SlotState.read(transport, slots, slot).as(SlotState.LIVE, null).write(transport, slots);
        listener.stage(Stage.SWITCHED, how);
        String problem = publicProblem(releaseId);
        if (problem != null) {
            throw new DeployException(Stage.WATCHED, problem + " after switching back to slot " + slot.id());
        }
        keepOld(from);
        return releaseId + " is live again on slot " + slot.id() + ", which was still running (switched back in "
                + (System.currentTimeMillis() - started) + " ms, nothing started)"
                + (from == null ? "" : "; slot " + from.id() + " (" + live + ") is kept running until "
                + Instant.now().plus(settings.keepOldFor()));
    }

    private void keepOld(Slot old) throws IOException {
        if (old == null) {
            return;
        }
        SlotState state = SlotState.read(transport, slots, old);
        if (settings.keepOldFor().isZero()) {
            processes.stop(old, state.release());
            state.as(SlotState.STOPPED, null).write(transport, slots);
            return;
        }
        state.as(SlotState.KEPT, Instant.now().plus(settings.keepOldFor())).write(transport, slots);
        processes.stopLater(old, state.release(), settings.keepOldFor());
    }

    /** Through the proxy, from here: new requests must reach the new release. Null when they do (or unchecked). */
    private String publicProblem(String releaseId) {
        if (settings.publicUrl() == null) {
            return null;
        }
        return new PublicCheck(settings.publicUrl(), settings.healthTimeout()).problem(releaseId);
    }

    /** Keeps checking the new slot's health for {@code watchFor}; null when it stayed healthy. */
    private String watch(Slot slot) throws IOException {
        if (settings.watchFor().isZero()) {
            return null;
        }
        long end = System.currentTimeMillis() + settings.watchFor().toMillis();
        int checks = 0;
        while (System.currentTimeMillis() < end) {
            String problem = healthProblem(slot);
            checks++;
            if (problem != null) {
                return "slot " + slot.id() + " failed its health check " + checks + " while watched: " + problem;
            }
            sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
        }
        listener.stage(Stage.WATCHED, "slot " + slot.id() + " stayed healthy for " + settings.watchFor().toSeconds()
                + " s (" + checks + " checks)");
        return null;
    }

    /** Whether the process still runs, then one health probe: null when healthy, else what was wrong. */
    private String healthProblem(Slot slot) throws IOException {
        if (!processes.alive(slot)) {
            return "the process has exited";
        }
        return answerProblem(slot);
    }

    /** One health probe: null when healthy, else what was wrong. */
    private String answerProblem(Slot slot) {
        try (HttpProbe probe = new HttpProbe(host)) {
            HttpProbe.Response response = probe.get(endpoint(slot), settings.health(), settings.healthHost(),
                    PROBE_TIMEOUT);
            List<String> unmet = response.ok() ? expectations
                    .unmet(response.body()) : List.of();
            return response.ok() && unmet.isEmpty() ? null : response.summary() + (unmet.isEmpty() ? ""
                    : " (" + String.join("; ", unmet) + ")");
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private void stopFailed(Slot slot, String releaseId) {
        try {
            processes.stop(slot, releaseId);
            SlotState.read(transport, slots, slot).as(SlotState.STOPPED, null).write(transport, slots);
        } catch (IOException e) {
            listener.warn("zdd: could not stop slot " + slot.id() + " after the failure: " + e.getMessage());
        }
    }

    private String logTail(Slot slot) {
        try {
            String tail = processes.logTail(slot, LOG_LINES).strip();
            return tail.isEmpty() ? "" : "\nlast lines of " + slots.log(slot) + ":\n  " + tail.replace("\n", "\n  ");
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
