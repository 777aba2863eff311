package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;

import java.io.IOException;

/** A site goes live by renaming a new {@code current} link over the old one; the web server follows it. */
public final class SymlinkPublisher implements Publisher {
    private final Transport transport;
    private final DeployLayout layout;

    public SymlinkPublisher(Transport transport, DeployLayout layout) {
        this.transport = transport;
        this.layout = layout;
    }

    @Override
    public String publish(String releaseId, String live) throws IOException, DeployException {
        return swap(releaseId);
    }

    @Override
    public String restore(String releaseId, String live) throws IOException, DeployException {
        return swap(releaseId) + " (was " + live + ")";
    }

    private String swap(String releaseId) throws IOException, DeployException {
        long started = System.nanoTime();
        CurrentLink.swap(transport, layout, releaseId);
        return "current -> " + layout.linkTarget(releaseId) + " (swap took " + (System.nanoTime() - started)
                / 1_000_000 + " ms)";
    }
}
