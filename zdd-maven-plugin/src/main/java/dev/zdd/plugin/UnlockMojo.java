package dev.zdd.plugin;

import dev.zdd.deploy.DeployLock;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.time.Instant;

/** Breaks a stale deploy lock, showing who held it. A lock whose lease still runs needs {@code zdd.force}. */
@Mojo(name = "unlock", requiresProject = false, threadSafe = true)
public class UnlockMojo extends AbstractTargetMojo {
    /** Break the lock even though its lease has not run out (its deploy may still be running). */
    @Parameter(property = "zdd.force", defaultValue = "false")
    boolean force;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try (Transport transport = openTransport()) {
            DeployLock lock = new DeployLock(transport, layout());
            if (transport.kind(layout().lock()) == Transport.PathKind.MISSING) {
                getLog().info("zdd: " + transport.describe() + " is not locked");
                return;
            }
            DeployLock.LockOwner owner = lock.owner();
            String who = owner == null ? "an unknown owner (no readable owner.json)" : owner.describe();
            if (owner != null && !owner.expired(Instant.now()) && !force) {
                throw new MojoFailureException("zdd:unlock: the lock is held by " + who + " and its lease has not"
                        + " run out; if that deploy is really gone, run again with -Dzdd.force=true");
            }
            DeployLock.breakLock(transport, layout());
            getLog().warn("zdd: broke the lock held by " + who);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:unlock: " + e.getMessage(), e);
        }
    }
}
