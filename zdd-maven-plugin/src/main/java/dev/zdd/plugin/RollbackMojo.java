package dev.zdd.plugin;

import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.SymlinkPublisher;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.app.SharedUpstream;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
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
 * On a fleet, every host is checked before any switches: a release some host lacks is refused everywhere. With
 * smoke URLs, a static site's hosts must then serve the release they returned to, byte for byte.
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

    /**
     * For a static site: URLs, one per target in the targets' order, that reach each host itself, asked after the
     * switch: each must answer 2xx with the bytes of the release rolled back to. A failure fails the build and
     * undoes nothing. Comma-separated. Default: no smoke checks.
     */
    @Parameter(property = "zdd.smokeUrls")
    List<String> smokeUrls;

    /** How long each host may take to pass its smoke check (retried until then): {@code 30s}. */
    @Parameter(property = "zdd.smokeTimeout", defaultValue = "30s")
    String smokeTimeout;

    /** {@code bytes}: a page must be the release's file, byte for byte; {@code status}: a 2xx is enough. */
    @Parameter(property = "zdd.smokeCompare", defaultValue = "bytes")
    String smokeCompare;

    /** Check Cache-Control in the smoke check: pages revalidated ({@code no-cache}), a hashed asset immutable. */
    @Parameter(property = "zdd.smokeCacheHeaders", defaultValue = "true")
    boolean smokeCacheHeaders;

    /** The URL path the site is served under, to map a smoke URL to the release's file: {@code /} or {@code /docs/}. */
    @Parameter(property = "zdd.basePath", defaultValue = "/")
    String basePath;

    /** File names that serve a folder URL such as {@code docs/}, tried in order (for smoke URLs). */
    @Parameter(property = "zdd.indexFiles", defaultValue = "index.html")
    List<String> indexFiles;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        AfterSwitchCheck check = SmokeParameters.check("zdd:rollback", smokeUrls, smokeTimeout, smokeCompare,
                smokeCacheHeaders, basePath, indexFiles, targetList().size());
        onTargets((opened, executor) -> {
            List<FleetHost> hosts = new ArrayList<>();
            AppSettings shared = null;
            for (Opened one : opened) {
                AppSettings app = SavedAppSettings.read(one.transport(), one.layout());
                if (app != null && check != null) {
                    throw new MojoFailureException("zdd:rollback: zdd.smokeUrls is for static sites, but "
                            + one.name() + " holds an app (zdd:deploy-app); its rollback is checked through the"
                            + " public URL zdd:deploy-app saved (nothing was changed)");
                }
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
                live = new FleetRollback(hosts, actor(), executor, upstream, check).rollback(release, lease(),
                        waitForLock());
            } finally {
                closeAll(balancers);
            }
            getLog().info("zdd: " + live + " is live on " + (hosts.size() == 1
                    ? hosts.get(0).transport().describe() : "all " + hosts.size() + " hosts"));
        });
    }
}
