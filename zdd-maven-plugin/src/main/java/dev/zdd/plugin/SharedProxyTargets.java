package dev.zdd.plugin;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SharedUpstream;
import dev.zdd.deploy.app.SlotLayout;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.deploy.ssh.SshTarget;
import org.apache.maven.plugin.MojoFailureException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code zdd.proxyTarget} and {@code zdd.upstreamHosts}: the load balancers in front of a fleet of app hosts, and
 * the address each balancer reaches each app host at. Read the same way by zdd:deploy-app and zdd:rollback.
 */
final class SharedProxyTargets {
    private SharedProxyTargets() {
    }

    /**
     * One address per app target: as {@code zdd.upstreamHosts} lists them, else each target's SSH host name (a local
     * target is this machine: 127.0.0.1).
     */
    static List<String> addresses(String goal, List<String> targets, String upstreamHosts)
            throws MojoFailureException {
        List<String> given = AppSettings.list(upstreamHosts);
        if (!given.isEmpty() && given.size() != targets.size()) {
            throw new MojoFailureException(goal + ": zdd.upstreamHosts lists " + given.size() + " address(es) for "
                    + targets.size() + " target(s); give one per target, in the targets' order, as the proxy"
                    + " reaches that host (a name or an IP)");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String address = !given.isEmpty() ? given.get(i) : SshTarget.isSsh(targets.get(i))
                    ? SshTarget.parse(targets.get(i)).host() : "127.0.0.1";
            if (address.contains(":") && !address.startsWith("[")) {
                address = "[" + address + "]";
            }
            if (!address.matches("[A-Za-z0-9.\\-\\[\\]:_]+")) {
                throw new MojoFailureException(goal + ": '" + address + "' is not a host name or IP address that"
                        + " nginx's server line accepts (zdd.upstreamHosts)");
            }
            addresses.add(address);
        }
        return addresses;
    }

    /**
     * The shared switch over the opened balancers: each one's include is {@code zdd.upstreamFile} (default:
     * upstream.conf in that target's root), checked and reloaded with {@code zdd.nginxTest}/{@code zdd.nginxReload}.
     *
     * @param publicUrls one URL per balancer checked after its switch, or empty
     */
    static SharedUpstream upstream(List<AbstractFleetMojo.Opened> proxies, List<FleetHost> hosts,
                                   List<String> addresses, AppSettings settings, List<String> publicUrls) {
        List<String> urls = publicUrls.isEmpty() ? Collections.nCopies(proxies.size(), null) : publicUrls;
        List<SharedUpstream.Proxy> balancers = new ArrayList<>();
        for (int i = 0; i < proxies.size(); i++) {
            AbstractFleetMojo.Opened proxy = proxies.get(i);
            String file = settings.upstreamFile() != null ? settings.upstreamFile()
                    : new SlotLayout(new DeployLayout(proxy.layout().root())).defaultUpstreamFile();
            balancers.add(new SharedUpstream.Proxy(proxy.name(), proxy.transport(), file, settings.nginxTest(),
                    settings.nginxReload(), urls.get(i)));
        }
        List<SharedUpstream.Member> members = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            FleetHost host = hosts.get(i);
            members.add(new SharedUpstream.Member(host.name(), addresses.get(i), (AppPublisher) host.publisher()));
        }
        return new SharedUpstream(balancers, members, settings.healthTimeout());
    }
}
