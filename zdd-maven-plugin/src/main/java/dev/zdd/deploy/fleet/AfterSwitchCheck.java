package dev.zdd.deploy.fleet;

import dev.zdd.deploy.StagedRelease;

import java.io.IOException;

/** Proof, once every host switched, that a host really serves the new release (smoke checks). */
public interface AfterSwitchCheck {
    /**
     * @param index   the host's place in the fleet's target list
     * @param staged  the release the host should now serve
     * @throws SmokeCheckFailed with what the host answered instead
     */
    void verify(int index, FleetHost host, StagedRelease staged, String releaseId) throws IOException, SmokeCheckFailed;

    /** What the host answered that proves it does not serve the release (or serves it wrongly). */
    final class SmokeCheckFailed extends Exception {
        public SmokeCheckFailed(String message) {
            super(message);
        }
    }

    /** What to do when a check fails: put the previous release back everywhere, or only say so. */
    enum OnFailure {
        ROLLBACK, WARN
    }
}
