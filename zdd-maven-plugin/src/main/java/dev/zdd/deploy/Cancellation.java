package dev.zdd.deploy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a fleet stop the other hosts' preparation once one host failed, since none of them will be published.
 * Each host's deploy gets its own view ({@link #forHost}) of one shared signal: a deploy that fails raises it
 * before it cleans up, and the others check it between the files they send and between their steps, then fail
 * the usual way (release marked failed, lock released). Checking instead of interrupting leaves no SSH channel or
 * lock half-handled.
 */
public final class Cancellation {
    /** The first host that failed on its own. */
    private final AtomicReference<String> reason;
    private final String host;

    /** A signal no other deploy raises: for a single target. */
    public Cancellation() {
        this(new AtomicReference<>(), null);
    }

    private Cancellation(AtomicReference<String> reason, String host) {
        this.reason = reason;
        this.host = host;
    }

    /** The view of this signal for one host's deploy, which raises it as "{@code host} failed". */
    public Cancellation forHost(String name) {
        return new Cancellation(reason, name);
    }

    /** Called by a deploy that failed on its own; the first host to fail is the one named. */
    void failed() {
        if (host != null) {
            reason.compareAndSet(null, host);
        }
    }

    /** The first host whose deploy failed on its own, or null. */
    public String firstFailed() {
        return reason.get();
    }

    /** Whether another host's deploy failed. */
    public boolean cancelled() {
        return reason.get() != null;
    }

    /** @throws Cancelled once another host's deploy failed */
    public void check() throws Cancelled {
        String why = reason.get();
        if (why != null) {
            throw new Cancelled(why + " failed");
        }
    }

    /** Whether {@code failure} is (or was caused by) a stop because another host failed. */
    public static boolean stopped(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Cancelled) {
                return true;
            }
        }
        return false;
    }

    /** Thrown where a deploy stops because another host failed. */
    public static final class Cancelled extends IOException {
        Cancelled(String why) {
            super("given up: " + why);
        }
    }
}
