package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.check.Baseline;
import dev.zdd.hasher.manifest.Manifest;

import java.io.IOException;

/** Sizes to compare with: the manifest of the release that is live on the target now. */
public final class LiveReleaseBaseline implements Baseline {
    private final Transport transport;
    private final ReleaseStore store;
    private String description;

    public LiveReleaseBaseline(Transport transport, DeployLayout layout) {
        this.transport = transport;
        this.store = new ReleaseStore(transport, layout);
        this.description = "the live release on " + transport.describe();
    }

    @Override
    public String describe() {
        return description;
    }

    /** The live release's manifest; null when nothing is live yet (a first deploy has nothing to compare with). */
    @Override
    public Manifest load() throws IOException {
        String live;
        try {
            live = store.currentId();
        } catch (DeployException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (live == null) {
            description = "nothing live yet on " + transport.describe();
            return null;
        }
        Manifest manifest = store.manifest(live);
        if (manifest == null) {
            throw new IOException("the live release " + live + " on " + transport.describe() + " has no readable"
                    + " manifest to compare sizes with");
        }
        description = "release " + live + " on " + transport.describe();
        return manifest;
    }
}
