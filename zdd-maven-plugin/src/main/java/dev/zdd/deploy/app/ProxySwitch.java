package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployException;

import java.io.IOException;

/** Moves new requests to a slot: by an nginx include and a reload, or by renaming a socket link. */
public interface ProxySwitch {

    /**
     * Sends new requests to {@code slot}. On failure nothing changed: the proxy still sends them where it did.
     *
     * @return a line for the build log
     */
    String switchTo(Slot slot) throws IOException, DeployException;

    /** The slot new requests go to now, or null when the proxy is not set up yet (before a first deploy). */
    Slot live() throws IOException;
}
