package dev.zdd.plugin;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;

/** Swaps {@code current} back to the previous good release (or {@code zdd.release}) in one rename. Deletes nothing. */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public class RollbackMojo extends AbstractTargetMojo {
    /** The release to return to. Default: the one live before the current one. */
    @Parameter(property = "zdd.release")
    String release;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try (Transport transport = openTransport()) {
            String live = new Rollback(transport, layout(), actor(), listener()).rollback(release, lease(),
                    waitForLock());
            getLog().info("zdd: " + live + " is live on " + transport.describe());
        } catch (DeployException | IllegalArgumentException e) {
            throw new MojoFailureException("zdd:rollback: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:rollback: " + e.getMessage(), e);
        }
    }
}
