package dev.zdd.deploy;

import dev.zdd.hasher.manifest.Manifest;
import java.util.ArrayList;
import java.util.Objects;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Makes an earlier release live again through the target's {@link Publisher} (for a site, one rename of
 * {@code current}); deletes nothing, logs the switch. Without a named release it returns to the one that was live
 * before the current one, skipping releases that were themselves rolled back from.
 */
public final class Rollback {
    private final Transport transport;
    private final DeployLayout layout;
    private final ReleaseStore store;
    private final Actor actor;
    private final DeployListener listener;
    private final Publisher publisher;

    public Rollback(Transport transport, DeployLayout layout, Actor actor, DeployListener listener,
                    Publisher publisher) {
        this.transport = transport;
        this.layout = layout;
        this.store = new ReleaseStore(transport, layout);
        this.actor = actor;
        this.listener = listener;
        this.publisher = publisher;
    }

    /** A site's rollback: one rename of {@code current}. */
    public Rollback(Transport transport, DeployLayout layout, Actor actor, DeployListener listener) {
        this(transport, layout, actor, listener, new SymlinkPublisher(transport, layout));
    }

    /**
     * @param target the release to return to, or null for the one live before the current one
     * @return the release now live
     */
    public String rollback(String target, Duration lease, Duration wait) throws IOException, DeployException {
        try (Ready ready = prepare(target, lease, wait)) {
            return ready.switchLive();
        }
    }

    /**
     * Locks the target and chooses the release to return to, refusing a missing, incomplete or damaged one;
     * switches nothing. What "previous" means is decided by what is live when the rollback is asked, not after
     * waiting for the lock. On failure the refusal is logged and the lock released before this throws.
     *
     * @param target the release to return to, or null for the one live before the current one
     */
    public Ready prepare(String target, Duration lease, Duration wait) throws IOException, DeployException {
        long started = System.currentTimeMillis();
        DeployLock lock = new DeployLock(transport, layout);
        String current = null;
        String to = target;
        String asked = target == null ? store.currentId() : null;
        try {
            lock.acquire(actor, lease, wait, "rollback", listener::warn);
            current = store.currentId();
            if (target == null && !Objects.equals(asked, current)) {
                throw new DeployException(Stage.PLANNED, "the live release changed from " + asked + " to " + current
                        + " while this rollback waited for the lock; nothing was rolled back. Run zdd:rollback again"
                        + " to leave " + current + ", or name the release with -Dzdd.release=<id>");
            }
            List<ReleaseStore.Release> releases = store.releases();
            to = target == null ? previousUndamaged(current, releases) : named(target, current);
            String wanted = to;
            ReleaseStore.Release release = releases.stream().filter(r -> r.id().equals(wanted)).findFirst()
                    .orElseThrow(() -> new DeployException(Stage.PLANNED, "release " + wanted + " does not exist on "
                            + transport.describe() + "; zdd:releases lists them"));
            if (!release.complete()) {
                throw new DeployException(Stage.PLANNED, "release " + wanted + " on " + transport.describe()
                        + " is incomplete (its upload never finished); roll back to a complete one");
            }
            return new Ready(lock, release, current, started);
        } catch (DeployException | IOException | RuntimeException e) {
            logFailure(lock, to, current, started, e);
            unlock(lock);
            throw e;
        }
    }

    /** The previous good release, skipping any whose files are no longer all there. */
    private String previousUndamaged(String current, List<ReleaseStore.Release> releases)
            throws IOException, DeployException {
        ReleaseCheck check = new ReleaseCheck(transport, layout, store);
        List<ReleaseStore.Release> candidates = new ArrayList<>(releases);
        List<String> skipped = new ArrayList<>();
        while (true) {
            String to = store.previousGood(current, candidates);
            if (to == null) {
                throw new DeployException(Stage.PLANNED, "there is no earlier release to roll back to on "
                        + transport.describe() + " (current: " + current + ")" + (skipped.isEmpty() ? ""
                        : "; skipped as damaged: " + String.join("; ", skipped)));
            }
            List<String> problems = check.problems(to);
            if (problems.isEmpty()) {
                return to;
            }
            skipped.add(to + " (" + ReleaseCheck.summary(problems, files(to)) + ")");
            listener.warn("zdd: skipping release " + to + ", which is damaged: "
                    + ReleaseCheck.summary(problems, files(to)));
            candidates.removeIf(r -> r.id().equals(to));
        }
    }

    /** A release the user named: refused when damaged, whatever its history. */
    private String named(String to, String current) throws IOException, DeployException {
        ReleaseId.validate(to);
        if (!to.equals(current) && store.manifest(to) != null) {
            List<String> problems = new ReleaseCheck(transport, layout, store).problems(to);
            if (!problems.isEmpty()) {
                throw new DeployException(Stage.VERIFIED, "release " + to + " on " + transport.describe()
                        + " is damaged, so it is not made live: " + ReleaseCheck.summary(problems, files(to))
                        + "; nothing was switched. Deploy it again, or roll back to another release");
            }
        }
        return to;
    }

    /**
     * A rollback that has chosen its release and holds the lock: {@link #switchLive} makes it live, and a fleet
     * whose other host failed puts the release before back with {@link #switchBack}. {@link #close} unlocks.
     */
    public final class Ready implements AutoCloseable {
        private final DeployLock lock;
        private final ReleaseStore.Release release;
        private final String current;
        private final long started;
        private boolean switched;
        private boolean staged;

        private Ready(DeployLock lock, ReleaseStore.Release release, String current, long started) {
            this.lock = lock;
            this.release = release;
            this.current = current;
            this.started = started;
        }

        /** The release this rollback returns to. */
        public String target() {
            return release.id();
        }

        /** The release live when the rollback was prepared. */
        public String current() {
            return current;
        }

        /**
         * Readies the chosen release before any switch (an app's slot, which a shared proxy needs answering before
         * it moves); on failure logs that and leaves the live one.
         */
        public void stage() throws IOException, DeployException {
            if (release.id().equals(current)) {
                return;
            }
            try {
                staged = publisher.stageRestore(release.id(), current);
            } catch (DeployException | IOException | RuntimeException e) {
                logFailure(lock, release.id(), current, started, e);
                throw e;
            }
        }

        /** Undoes {@link #stage} when the release will not go live (another host, or the shared proxy, failed). */
        public void unstage(String reason) {
            if (!staged) {
                return;
            }
            staged = false;
            try {
                publisher.unstage(release.id());
                store.log().append(new DeployLog.Entry(Instant.now().toString(), "rollback", release.id(), current,
                        null, actor.who(), "failed", Stage.PUBLISHED.id(), System.currentTimeMillis() - started,
                        "not switched: " + reason));
            } catch (IOException e) {
                listener.warn("zdd: could not undo the readied rollback to " + release.id() + ": " + e.getMessage());
            }
        }

        /** Makes the chosen release live and logs it; on failure logs that and leaves the live one. */
        public String switchLive() throws IOException, DeployException {
            String wanted = release.id();
            if (wanted.equals(current)) {
                listener.info("zdd: " + wanted + " is already current on " + transport.describe() + "; nothing to do");
                return wanted;
            }
            try {
                listener.stage(Stage.PUBLISHED, publisher.restore(wanted, current));
                switched = true;
                store.log().append(new DeployLog.Entry(Instant.now().toString(), "rollback", wanted, current,
                        (String) release.info().get("gitSha"), actor.who(), "success", Stage.FINISHED.id(),
                        System.currentTimeMillis() - started, null));
                return wanted;
            } catch (DeployException | IOException | RuntimeException e) {
                logFailure(lock, wanted, current, started, e);
                throw e;
            }
        }

        /** After {@link #switchLive}: makes the release that was live before it live again, and logs why. */
        public String switchBack(String reason) throws IOException, DeployException {
            if (!switched || current == null) {
                return current;
            }
            listener.stage(Stage.PUBLISHED, publisher.restore(current, release.id()));
            switched = false;
            store.log().append(new DeployLog.Entry(Instant.now().toString(), "rollback", current, release.id(), null,
                    actor.who(), "success", Stage.FINISHED.id(), System.currentTimeMillis() - started,
                    "switched back: " + reason));
            return current;
        }

        @Override
        public void close() {
            unlock(lock);
        }
    }

    private void logFailure(DeployLock lock, String to, String current, long started, Exception e) {
        if (!lock.held()) {
            return;
        }
        try {
            store.log().append(new DeployLog.Entry(Instant.now().toString(), "rollback", to, current, null,
                    actor.who(), "failed", e instanceof DeployException d ? d.stage().id() : Stage.FAILED.id(),
                    System.currentTimeMillis() - started, e.getMessage()));
        } catch (IOException ignored) {
            listener.warn("zdd: could not log the failed rollback: " + ignored.getMessage());
        }
    }

    private void unlock(DeployLock lock) {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            listener.warn("zdd: could not release the lock " + layout.lock() + ": " + e.getMessage()
                    + "; it expires with its lease, or run zdd:unlock");
        }
    }

    private int files(String id) throws IOException {
        Manifest manifest = store.manifest(id);
        return manifest == null ? 0 : manifest.files().size();
    }
}
