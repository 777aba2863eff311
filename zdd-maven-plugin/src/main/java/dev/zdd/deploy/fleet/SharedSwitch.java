package dev.zdd.deploy.fleet;

import dev.zdd.deploy.DeployException;

import java.io.IOException;

/**
 * A switch the hosts of a fleet share, such as a load balancer in front of app hosts: moved once for the whole
 * fleet, after every host readied its new release and before any host records it as live.
 */
public interface SharedSwitch {

    /**
     * Sends traffic to every host's readied release. On failure nothing changed: traffic goes where it went.
     *
     * @return a line for the build log
     */
    String switchAll(String releaseId) throws IOException, DeployException;

    /**
     * After {@link #switchAll}: sends traffic where it went before.
     *
     * @return a line for the build log
     */
    String switchBack() throws IOException, DeployException;
}
