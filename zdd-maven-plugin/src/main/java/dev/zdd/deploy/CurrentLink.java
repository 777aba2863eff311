package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;

import java.io.IOException;

/** The {@code current} link: swapped in one rename, then read back, whatever the strategy. */
public final class CurrentLink {
    private CurrentLink() {
    }

    public static void swap(Transport transport, DeployLayout layout, String releaseId)
            throws IOException, DeployException {
        transport.swapSymlink(layout.current(), layout.linkTarget(releaseId));
        String now = transport.readLink(layout.current());
        if (!layout.linkTarget(releaseId).equals(now)) {
            throw new DeployException(Stage.PUBLISHED, layout.current() + " reads back as " + now + " after the"
                    + " swap, not " + layout.linkTarget(releaseId));
        }
    }
}
