package dev.zdd.deploy.fleet;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.transport.Transport;

/**
 * One host of a fleet: its open connection, its deploy root, how a release goes live there, and where its
 * progress is reported.
 *
 * @param name the target as the user wrote it; hosts are locked in the order of their names
 */
public record FleetHost(String name, Transport transport, DeployLayout layout, Publisher publisher,
                        DeployListener listener) {
}
