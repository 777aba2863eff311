package dev.zdd.plugin;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.SymlinkPublisher;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;

/**
 * Makes the previous good release (or {@code zdd.release}) live again. Deletes nothing. For a site, one rename of
 * {@code current}; for an app (a target {@code zdd:deploy-app} deployed to, whose settings it remembers), a switch
 * back to the old slot while it still runs, else a start of that release on the idle slot, gated on its health.
 */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public class RollbackMojo extends AbstractTargetMojo {
    /** The release to return to. Default: the one live before the current one. */
    @Parameter(property = "zdd.release")
    String release;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try (Transport transport = openTransport()) {
            AppSettings app = SavedAppSettings.read(transport, layout());
            Publisher publisher = app == null ? new SymlinkPublisher(transport, layout())
                    : new AppPublisher(transport, layout(), app, listener());
            String live = new Rollback(transport, layout(), actor(), listener(), publisher).rollback(release, lease(),
                    waitForLock());
            getLog().info("zdd: " + live + " is live on " + transport.describe());
        } catch (DeployException | IllegalArgumentException e) {
            throw new MojoFailureException("zdd:rollback: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:rollback: " + e.getMessage(), e);
        }
    }
}
