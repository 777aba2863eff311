package dev.zdd.deploy.fleet;

import dev.zdd.hasher.manifest.Manifest;

import java.io.IOException;

/** Proof, once every host switched (by a deploy or a rollback), that a host really serves that release. */
public interface AfterSwitchCheck {
    /**
     * @param index   the host's place in the fleet's target list
     * @param manifest the manifest of the release the host should now serve
     * @throws SmokeCheckFailed with what the host answered instead
     */
    void verify(int index, FleetHost host, Manifest manifest, String releaseId) throws IOException, SmokeCheckFailed;

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
