package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Points {@code current} back at an earlier release in one rename; deletes nothing, logs the switch. */
public final class Rollback {
    private final Transport transport;
    private final DeployLayout layout;
    private final ReleaseStore store;
    private final Actor actor;
    private final DeployListener listener;

    public Rollback(Transport transport, DeployLayout layout, Actor actor, DeployListener listener) {
        this.transport = transport;
        this.layout = layout;
        this.store = new ReleaseStore(transport, layout);
        this.actor = actor;
        this.listener = listener;
    }

    /**
     * @param target the release to return to, or null for the one live before the current one
     * @return the release now live
     */
    public String rollback(String target, Duration lease, Duration wait) throws IOException, DeployException {
        long started = System.currentTimeMillis();
        DeployLock lock = new DeployLock(transport, layout);
        String current = null;
        String to = target;
        try {
            lock.acquire(actor, lease, wait, "rollback", listener::warn);
            current = store.currentId();
            List<ReleaseStore.Release> releases = store.releases();
            if (to == null) {
                to = store.previousGood(current, releases);
                if (to == null) {
                    throw new DeployException(Stage.PLANNED, "there is no earlier release to roll back to on "
                            + transport.describe() + " (current: " + current + ")");
                }
            }
            ReleaseId.validate(to);
            String wanted = to;
            ReleaseStore.Release release = releases.stream().filter(r -> r.id().equals(wanted)).findFirst()
                    .orElseThrow(() -> new DeployException(Stage.PLANNED, "release " + wanted + " does not exist on "
                            + transport.describe() + "; zdd:releases lists them"));
            if (!release.complete()) {
                throw new DeployException(Stage.PLANNED, "release " + wanted + " is incomplete (its upload never"
                        + " finished); roll back to a complete one");
            }
            if (wanted.equals(current)) {
                listener.info("zdd: " + wanted + " is already current; nothing to do");
                return wanted;
            }
            transport.swapSymlink(layout.current(), layout.linkTarget(wanted));
            String now = transport.readLink(layout.current());
            if (!layout.linkTarget(wanted).equals(now)) {
                throw new DeployException(Stage.PUBLISHED, layout.current() + " reads back as " + now);
            }
            listener.stage(Stage.PUBLISHED, "current -> " + now + " (was " + current + ")");
            store.log().append(new DeployLog.Entry(Instant.now().toString(), "rollback", wanted, current,
                    (String) release.info().get("gitSha"), actor.who(), "success", Stage.FINISHED.id(),
                    System.currentTimeMillis() - started, null));
            return wanted;
        } catch (DeployException | IOException | RuntimeException e) {
            if (lock.held()) {
                try {
                    store.log().append(new DeployLog.Entry(Instant.now().toString(), "rollback", to, current, null,
                            actor.who(), "failed", Stage.FAILED.id(), System.currentTimeMillis() - started,
                            e.getMessage()));
                } catch (IOException ignored) {
                    listener.warn("zdd: could not log the failed rollback: " + ignored.getMessage());
                }
            }
            throw e;
        } finally {
            try {
                lock.release();
            } catch (IOException | RuntimeException e) {
                listener.warn("zdd: could not release the lock " + layout.lock() + ": " + e.getMessage()
                        + "; it expires with its lease, or run zdd:unlock");
            }
        }
    }
}
