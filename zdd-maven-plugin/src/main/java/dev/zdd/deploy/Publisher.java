package dev.zdd.deploy;

import java.io.IOException;
import java.util.Set;

/**
 * How a verified release goes live, and how an earlier one comes back: a {@code current} swap for a site
 * ({@link SymlinkPublisher}), start, health gate and proxy switch for an app. Deploys and rollbacks share the
 * engine (lock, plan, upload, verify, log, prune) and differ only here.
 */
public interface Publisher {

    /**
     * Refuses, before anything is uploaded and with the lock held, a deploy this strategy could not carry out.
     *
     * @param releaseId the release about to be prepared
     * @param live      the live release, or null on a first deploy
     */
    default void check(String releaseId, String live) throws IOException, DeployException {
    }

    /**
     * Readies a verified release before any switch, with the lock held: for an app, starts it on the idle slot and
     * gates it on its health, so that a fleet switches only hosts whose new release already answers. A site has
     * nothing to do. On failure the live release is untouched and whatever this started is stopped.
     *
     * @param cancellation raised when another host of the fleet failed: a long step (a health gate) stops early,
     *                     undoing what it started, and throws {@link Cancellation.Cancelled}
     * @return true when something was readied that {@link #unstage} must undo if the release is not published
     */
    default boolean stage(String releaseId, String live, Cancellation cancellation)
            throws IOException, DeployException {
        return false;
    }

    /**
     * Readies an earlier release for {@link #restore} before any switch, with the lock held (for an app behind a
     * shared proxy: its slot must answer before the proxy moves). A site has nothing to do.
     *
     * @return true when something was readied that {@link #unstage} must undo if the release is not restored
     */
    default boolean stageRestore(String releaseId, String live) throws IOException, DeployException {
        return false;
    }

    /** Undoes {@link #stage} or {@link #stageRestore} for a release that will not go live (another host failed). */
    default void unstage(String releaseId) throws IOException {
    }

    /**
     * Makes a verified, complete release live and points {@code current} at it. On failure the release that was
     * live stays live (a failure after users reached the new release puts the old one back and says so).
     *
     * @param releaseId the release to make live
     * @param live      the release live until now, or null
     * @return a line for the build log about how it went live
     */
    String publish(String releaseId, String live) throws IOException, DeployException;

    /**
     * Makes an earlier complete release live again, as quickly as the strategy can.
     *
     * @return a line for the build log about how it went live
     */
    String restore(String releaseId, String live) throws IOException, DeployException;

    /** Releases that must not be pruned because this strategy still runs them. */
    default Set<String> inUse() throws IOException {
        return Set.of();
    }
}
