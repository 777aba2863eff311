package dev.zdd.plugin;

import dev.zdd.deploy.DeployLock;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a stale deploy lock, showing who held it. A lock whose lease still runs needs {@code zdd.force}. On a
 * fleet, every host's lock; a held lock on one host refuses them all unless forced.
 */
@Mojo(name = "unlock", requiresProject = false, threadSafe = true)
public class UnlockMojo extends AbstractFleetMojo {
    /** Break the lock even though its lease has not run out (its deploy may still be running). */
    @Parameter(property = "zdd.force", defaultValue = "false")
    boolean force;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        onTargets((opened, executor) -> {
            List<Opened> locked = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (Opened one : opened) {
                Transport transport = one.transport();
                if (transport.kind(one.layout().lock()) == Transport.PathKind.MISSING) {
                    getLog().info("zdd: " + transport.describe() + " is not locked");
                    continue;
                }
                DeployLock.LockOwner owner = new DeployLock(transport, one.layout()).owner();
                String who = owner == null ? "an unknown owner (no readable owner.json)" : owner.describe();
                if (owner != null && !owner.expired(Instant.now()) && !force) {
                    held.add(transport.describe() + ": held by " + who);
                }
                locked.add(one);
            }
            if (!held.isEmpty()) {
                throw new MojoFailureException("zdd:unlock: the lock's lease has not run out; nothing was unlocked:\n  "
                        + String.join("\n  ", held) + "\nif that deploy is really gone, run again with"
                        + " -Dzdd.force=true");
            }
            for (Opened one : locked) {
                DeployLock.LockOwner owner = new DeployLock(one.transport(), one.layout()).owner();
                DeployLock.breakLock(one.transport(), one.layout());
                getLog().warn("zdd: broke the lock held by " + (owner == null ? "an unknown owner" : owner.describe())
                        + " on " + one.transport().describe());
            }
        });
    }
}
