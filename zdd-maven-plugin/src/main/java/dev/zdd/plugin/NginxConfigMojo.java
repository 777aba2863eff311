package dev.zdd.plugin;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.NginxConfig;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SlotLayout;
import dev.zdd.deploy.ssh.SshTarget;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the nginx {@code server} block for a deploy root and prints it: for a site, {@code root} at
 * {@code current}, hashed assets cached for good, pages revalidated, {@code /.zdd/} hidden; for an app, the
 * upstream include or the {@code live.sock} proxy of the chosen switch. Connects to nothing.
 */
@Mojo(name = "nginx-config", requiresProject = false, threadSafe = true)
public class NginxConfigMojo extends AbstractZddMojo {
    /** The deploy root the config serves: {@code ssh://user@host/abs/path} (its path is used) or an absolute folder. */
    @Parameter(property = "zdd.target")
    String target;

    /** What is served: {@code site} (zdd:deploy) or {@code app} (zdd:deploy-app). */
    @Parameter(property = "zdd.serve", defaultValue = "site")
    String serve;

    /**
     * For an app: how zdd:deploy-app switches slots, {@code nginx} or {@code socket}; {@code shared} for a load
     * balancer in front of app hosts ({@code zdd.proxyTarget}), whose root {@code zdd.target} then names.
     */
    @Parameter(property = "zdd.switch", alias = "switch", defaultValue = "nginx")
    String switchMode;

    /** For an app in nginx mode: the include zdd owns. Default: upstream.conf in the deploy root. */
    @Parameter(property = "zdd.upstreamFile")
    String upstreamFile;

    /** What nginx listens on: {@code 80}, {@code 443 ssl}, {@code 127.0.0.1:8080}. */
    @Parameter(property = "zdd.listen", defaultValue = "80")
    String listen;

    /** The server's name(s), as nginx's server_name takes them; {@code _} matches any. */
    @Parameter(property = "zdd.serverName", defaultValue = "_")
    String serverName;

    /** Where to write the config. Default: ${project.build.directory}/zdd/nginx.conf. */
    @Parameter(property = "zdd.nginxConfig")
    File nginxConfig;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (target == null || target.isBlank() || target.contains(",")) {
            throw new MojoFailureException("zdd:nginx-config: set zdd.target to one deploy root (ssh://user@host/path"
                    + " or an absolute folder); the config is the same on every host of a fleet with the same path");
        }
        String config;
        try {
            DeployLayout layout = new DeployLayout(SshTarget.isSsh(target) ? SshTarget.parse(target).path()
                    : target.strip());
            config = switch (serve.strip().toLowerCase(Locale.ROOT)) {
                case "site" -> NginxConfig.site(layout.current(), listen, serverName);
                case "app" -> switch (AppSettings.SwitchMode.of(switchMode)) {
                    case NGINX, SHARED -> NginxConfig.appUpstream(upstreamFile != null && !upstreamFile.isBlank()
                            ? upstreamFile : new SlotLayout(layout).defaultUpstreamFile(), listen, serverName);
                    case SOCKET -> NginxConfig.appSocket(new SlotLayout(layout).liveSocket(), listen, serverName);
                };
                default -> throw new IllegalArgumentException("zdd.serve must be site or app, was '" + serve + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zdd:nginx-config: " + e.getMessage(), e);
        }
        Path file = BuildDirectory.orDefault(nginxConfig, project, "zdd/nginx.conf");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:nginx-config: cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info("zdd: nginx config for " + target + " written to " + file + "; include it in nginx's http"
                + " block, then run nginx -t and reload:");
        config.lines().forEach(line -> getLog().info(line));
    }
}
