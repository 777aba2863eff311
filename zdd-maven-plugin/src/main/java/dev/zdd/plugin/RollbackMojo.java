package dev.zdd.plugin;

import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.SymlinkPublisher;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.app.SharedUpstream;
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

    /**
     * For app hosts that zdd:deploy-app deployed behind load balancers: those balancers, as zdd:deploy-app's
     * {@code zdd.proxyTarget} named them; their include is switched back once every host has the release ready.
     */
    @Parameter(property = "zdd.proxyTarget")
    String proxyTarget;

    /** With {@code zdd.proxyTarget}: as for zdd:deploy-app, the address each balancer reaches each app host at. */
    @Parameter(property = "zdd.upstreamHosts")
    String upstreamHosts;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        onTargets((opened, executor) -> {
            List<FleetHost> hosts = new ArrayList<>();
            AppSettings shared = null;
            for (Opened one : opened) {
                AppSettings app = SavedAppSettings.read(one.transport(), one.layout());
                if (app != null && app.mode() == AppSettings.SwitchMode.SHARED) {
                    shared = app;
                }
                DeployListener listener = listener(opened.size() == 1 ? "" : one.name());
                Publisher publisher = app == null ? new SymlinkPublisher(one.transport(), one.layout())
                        : new AppPublisher(one.transport(), one.layout(), app, listener);
                hosts.add(new FleetHost(one.name(), one.transport(), one.layout(), publisher, listener));
            }
            List<String> proxies = AppSettings.list(proxyTarget);
            if (shared != null && proxies.isEmpty()) {
                throw new MojoFailureException("zdd:rollback: the app on " + hosts.get(0).name() + " runs behind"
                        + " load balancers (zdd:deploy-app's zdd.proxyTarget); name them with -Dzdd.proxyTarget=..."
                        + " so they are switched back too (nothing was changed)");
            }
            if (shared == null && !proxies.isEmpty()) {
                throw new MojoFailureException("zdd:rollback: zdd.proxyTarget is set, but no target holds an app"
                        + " that zdd:deploy-app deployed behind load balancers; leave zdd.proxyTarget out");
            }
            List<Opened> balancers = proxies.isEmpty() ? List.of() : openAll(proxies, executor);
            String live;
            try {
                SharedUpstream upstream = balancers.isEmpty() ? null : SharedProxyTargets.upstream(balancers, hosts,
                        SharedProxyTargets.addresses("zdd:rollback", targetList(), upstreamHosts), shared, List.of());
                live = new FleetRollback(hosts, actor(), executor, upstream).rollback(release, lease(),
                        waitForLock());
            } finally {
                closeAll(balancers);
            }
            getLog().info("zdd: " + live + " is live on " + (hosts.size() == 1
                    ? hosts.get(0).transport().describe() : "all " + hosts.size() + " hosts"));
        });
    }
}
