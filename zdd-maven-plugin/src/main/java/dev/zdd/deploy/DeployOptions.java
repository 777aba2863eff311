package dev.zdd.deploy;

import java.time.Duration;

/**
 * How a deploy runs.
 *
 * @param releaseId         the new release's id (validated)
 * @param keepReleases      complete, once-live releases to keep (the current one included)
 * @param carryOverReleases recent releases whose hashed assets the new release keeps serving
 * @param lockLease         how long the lock is valid without its owner; after that it may be broken
 * @param lockWait          how long to wait for a lock held by someone else
 * @param dryRun            plan from the server's state and stop
 * @param verifyDigests     also hash every sent file on the server (sizes are always checked; SSH already
 *                          guards the bytes in transit, so this guards against the disk)
 */
public record DeployOptions(String releaseId, int keepReleases, int carryOverReleases, Duration lockLease,
                            Duration lockWait, boolean dryRun, boolean verifyDigests) {

    public DeployOptions(String releaseId, int keepReleases, int carryOverReleases, Duration lockLease,
                         Duration lockWait, boolean dryRun) {
        this(releaseId, keepReleases, carryOverReleases, lockLease, lockWait, dryRun, false);
    }

    public DeployOptions {
        ReleaseId.validate(releaseId);
        if (keepReleases < 1) {
            throw new IllegalArgumentException("keepReleases must be at least 1, was " + keepReleases);
        }
        if (carryOverReleases < 0) {
            throw new IllegalArgumentException("carryOverReleases must not be negative, was " + carryOverReleases);
        }
    }
}
