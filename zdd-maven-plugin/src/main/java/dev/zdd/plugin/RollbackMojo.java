package dev.zdd.plugin;

import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.SymlinkPublisher;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.deploy.fleet.FleetRollback;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the previous good release (or {@code zdd.release}) live again. Deletes nothing. For a site, one rename of
 * {@code current}; for an app (a target {@code zdd:deploy-app} deployed to, whose settings it remembers), a switch
 * back to the old slot while it still runs, else a start of that release on the idle slot, gated on its health.
 * On a fleet, every host is checked before any switches: a release some host lacks is refused everywhere.
 */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public class RollbackMojo extends AbstractLockingMojo {
    /** The release to return to. Default: the one live before the current one. */
    @Parameter(property = "zdd.release")
    String release;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        onTargets((opened, executor) -> {
            List<FleetHost> hosts = new ArrayList<>();
            for (Opened one : opened) {
                AppSettings app = SavedAppSettings.read(one.transport(), one.layout());
                DeployListener listener = listener(opened.size() == 1 ? "" : one.name());
                Publisher publisher = app == null ? new SymlinkPublisher(one.transport(), one.layout())
                        : new AppPublisher(one.transport(), one.layout(), app, listener);
                hosts.add(new FleetHost(one.name(), one.transport(), one.layout(), publisher, listener));
            }
            String live = new FleetRollback(hosts, actor(), executor).rollback(release, lease(), waitForLock());
            getLog().info("zdd: " + live + " is live on " + (hosts.size() == 1
                    ? hosts.get(0).transport().describe() : "all " + hosts.size() + " hosts"));
        });
    }
}
