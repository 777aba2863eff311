package dev.zdd.plugin;

import dev.zdd.hasher.io.FileTrees;
import dev.zdd.deploy.DurationText;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.ReleaseMigrations;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.migrate.LintConfig;
import dev.zdd.migrate.LintResult;
import dev.zdd.migrate.LintedMigration;
import dev.zdd.migrate.MigrationLinter;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Blue/green deploy of an app behind nginx: uploads it into a new release folder (releases/ID/) like a site,
 * starts it on the
 * idle slot, gates it on its health, warms it up, switches nginx to it (include + {@code nginx -t} + reload, or a
 * unix-socket link renamed) and keeps the old slot running for a quick rollback. Any failure before the switch
 * leaves the live slot serving.
 */
@Mojo(name = "deploy-app", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class DeployAppMojo extends AbstractDeployMojo {
    /** The app to deploy: a file (default: the project's main artifact) or a folder, copied as the release. */
    @Parameter(property = "zdd.app")
    File app;

    /** How traffic moves to the new slot: {@code nginx} (include file, nginx -t, reload) or {@code socket}. */
    @Parameter(property = "zdd.switch", alias = "switch", defaultValue = "nginx")
    String switchMode;

    /** The slots' ports on the target's loopback, blue then green (nginx mode). */
    @Parameter(property = "zdd.ports", defaultValue = "8081,8082")
    String ports;

    /**
     * The shell command that starts the app, run in the release folder with PORT (nginx mode) or ZDD_SOCKET (socket
     * mode), ZDD_SLOT, ZDD_RELEASE and ZDD_LOG set, e.g. {@code java -jar app.jar --server.port=$PORT}.
     */
    @Parameter(property = "zdd.start")
    String start;

    /**
     * The shell command that stops the app on a slot, e.g. {@code systemctl stop app@$ZDD_SLOT}. When set, a service
     * manager owns the process and {@code zdd.start} must return once it is started. Default: zdd runs the process
     * itself and stops it with SIGTERM, then SIGKILL after {@code zdd.stopTimeout}.
     */
    @Parameter(property = "zdd.stop")
    String stop;

    /** The path polled on the new slot, directly (not through nginx), until it answers 2xx. */
    @Parameter(property = "zdd.health", defaultValue = "/health")
    String health;

    /** The Host header of health and warm-up requests. Default: the slot's address. */
    @Parameter(property = "zdd.healthHost")
    String healthHost;

    /** Expectations on the health answer's JSON body: {@code /status=UP, /components/db/status=UP}. */
    @Parameter(property = "zdd.healthJson")
    String healthJson;

    /** How long the new slot has to become healthy. */
    @Parameter(property = "zdd.healthTimeout", defaultValue = "2m")
    String healthTimeout;

    /** Paths requested on the new slot before users reach it, comma-separated; each must answer 2xx. */
    @Parameter(property = "zdd.warmup")
    String warmup;

    /** The nginx include zdd owns, holding the live slot's server line. Default: upstream.conf in the deploy root. */
    @Parameter(property = "zdd.upstreamFile")
    String upstreamFile;

    /** The command that checks nginx's configuration on the target. */
    @Parameter(property = "zdd.nginxTest", defaultValue = "nginx -t")
    String nginxTest;

    /** The command that makes nginx read its configuration on the target. */
    @Parameter(property = "zdd.nginxReload", defaultValue = "nginx -s reload")
    String nginxReload;

    /**
     * A URL through nginx that must reach the new release after the switch (2xx; X-Zdd-Release if the app sends
     * it). On a fleet, one per target, comma-separated, each through that host's own nginx; with
     * {@code zdd.proxyTarget}, one per proxy target, each through that load balancer.
     */
    @Parameter(property = "zdd.publicUrl")
    String publicUrl;

    /** How long the old slot keeps running, idle, after the switch, so a rollback starts nothing. */
    @Parameter(property = "zdd.keepOldFor", defaultValue = "15m")
    String keepOldFor;

    /** How long a stopping app has to finish its requests before SIGKILL. */
    @Parameter(property = "zdd.stopTimeout", defaultValue = "30s")
    String stopTimeout;

    /** How long to keep checking the new slot's health after the switch; a failure switches back. */
    @Parameter(property = "zdd.watchFor", defaultValue = "0s")
    String watchFor;

    /**
     * The Flyway migration folders the app carries, comma-separated, relative to the project: their versions are
     * recorded with the release, and a release bringing a new contract migration is refused while a slot still runs
     * an older release. Folders that do not exist are skipped.
     */
    @Parameter(property = "zdd.migrations", defaultValue = "src/main/resources/db/migration")
    List<String> migrations;

    /**
     * Load balancers in front of the app hosts, comma-separated (ssh://user@lb/srv/lb or a local folder): their
     * nginx includes {@code zdd.upstreamFile} (default: upstream.conf in that root), which lists every app host's
     * live slot. The app hosts run the slots; the balancers switch once, after every host's new slot passed its
     * gate, with {@code zdd.nginxTest} and {@code zdd.nginxReload} run there.
     */
    @Parameter(property = "zdd.proxyTarget")
    String proxyTarget;

    /**
     * With {@code zdd.proxyTarget}: the address each balancer reaches each app host at, one per target in the
     * targets' order (private names or IPs). Default: each target's SSH host name.
     */
    @Parameter(property = "zdd.upstreamHosts")
    String upstreamHosts;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<String> proxies = AppSettings.list(proxyTarget);
        AppSettings settings = settings(!proxies.isEmpty());
        ReleaseMigrations carried = carriedMigrations();
        String id = releaseId();
        // An app's release holds no hashed assets for open pages, so nothing is carried over.
        var options = options(id, 0, "zdd:deploy-app");
        List<String> names = targetList();
        if (proxies.isEmpty()) {
            List<String> publicUrls = publicUrls(names.size(), "target(s)", "each through that host's own proxy");
            Path staged = stage();
            deployFleet("deploy-app", names, StagedRelease.readInBackground(staged), options,
                    (index, host, listener) -> new AppPublisher(host.transport(), host.layout(),
                            settings.withPublicUrl(publicUrls.get(index)), listener, carried),
                    null, AfterSwitchCheck.OnFailure.ROLLBACK, null);
            return;
        }
        List<String> addresses = SharedProxyTargets.addresses("zdd:deploy-app", names, upstreamHosts);
        List<String> balancerUrls = publicUrls(proxies.size(), "proxy target(s)", "each through that load balancer");
        Path staged = stage();
        ExecutorService executor = hostExecutor(proxies.size());
        List<Opened> opened = List.of();
        try {
            opened = openAlerting(proxies, executor, "deploy-app", id);
            List<Opened> balancers = opened;
            AppSettings behindProxy = settings.withPublicUrl(null);
            deployFleet("deploy-app", names, StagedRelease.readInBackground(staged), options,
                    (index, host, listener) -> new AppPublisher(host.transport(), host.layout(), behindProxy,
                            listener, carried),
                    null, AfterSwitchCheck.OnFailure.ROLLBACK,
                    hosts -> SharedProxyTargets.upstream(balancers, hosts, addresses, settings, balancerUrls));
        } finally {
            closeAll(opened);
            executor.shutdownNow();
        }
    }

    /** One public URL per host or balancer, or none; one URL for several of them proves nothing. */
    private List<String> publicUrls(int count, String what, String how) throws MojoFailureException {
        List<String> urls = publicUrl == null || publicUrl.isBlank() ? List.of()
                : Arrays.stream(publicUrl.split(",")).map(String::strip).toList();
        if (urls.isEmpty()) {
            return Collections.nCopies(count, null);
        }
        if (urls.size() != count) {
            throw new MojoFailureException("zdd:deploy-app: zdd.publicUrl lists " + urls.size() + " URL(s) for " + count
                    + " " + what + "; give one per " + what.replace("(s)", "") + ", in their order, " + how);
        }
        return urls;
    }

    AppSettings settings() throws MojoFailureException {
        return settings(false);
    }

    /** @param shared whether zdd.proxyTarget names load balancers, which then do the switching */
    AppSettings settings(boolean shared) throws MojoFailureException {
        try {
            AppSettings.SwitchMode mode = AppSettings.SwitchMode.of(switchMode);
            if (shared && mode == AppSettings.SwitchMode.SOCKET) {
                throw new IllegalArgumentException("zdd.switch=socket cannot work with zdd.proxyTarget: a unix socket"
                        + " is reached only on its own host; leave zdd.switch at nginx");
            }
            if (!shared && mode == AppSettings.SwitchMode.SHARED) {
                throw new IllegalArgumentException("zdd.switch=shared needs zdd.proxyTarget, the load balancer(s)"
                        + " in front of the app hosts");
            }
            return new AppSettings(shared ? AppSettings.SwitchMode.SHARED : mode, AppSettings.ports(ports), start, stop,
                    health, blankToNull(healthHost), AppSettings.list(healthJson),
                    DurationText.parse(healthTimeout, "zdd.healthTimeout"), AppSettings.list(warmup),
                    blankToNull(upstreamFile), nginxTest, nginxReload, blankToNull(publicUrl),
                    DurationText.parse(keepOldFor, "zdd.keepOldFor"), DurationText.parse(stopTimeout, "zdd.stopTimeout"),
                    DurationText.parse(watchFor, "zdd.watchFor"));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zdd:deploy-app: " + e.getMessage(), e);
        }
    }

    /** What the migration folders hold: every version, and the contract ones with what makes them so. */
    ReleaseMigrations carriedMigrations() throws MojoExecutionException {
        Path base = BuildDirectory.basedir(project);
        List<Path> folders = (migrations == null ? List.<String>of() : migrations).stream().filter(m -> !m.isBlank())
                .map(m -> base.resolve(m.trim())).filter(Files::isDirectory).toList();
        if (folders.isEmpty()) {
            return ReleaseMigrations.none();
        }
        LintResult lint;
        try {
            lint = new MigrationLinter(LintConfig.of(folders, base)).lint();
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("zdd:deploy-app: cannot read the migrations in " + folders + ": "
                    + e.getMessage(), e);
        }
        Map<String, String> contracts = new LinkedHashMap<>();
        for (LintedMigration migration : lint.contracts()) {
            contracts.put(migration.script().version().toString(), migration.script().displayPath() + " ("
                    + String.join(", ", migration.contract().reasons()) + ")");
        }
        return new ReleaseMigrations(lint.migrations().stream().map(m -> m.script().version().toString()).toList(),
                contracts);
    }

    /** The folder that becomes the release: the app folder itself, or one holding the app file. */
    private Path stage() throws MojoFailureException, MojoExecutionException {
        File file = app;
        if (file == null && project != null && project.getArtifact() != null) {
            file = project.getArtifact().getFile();
        }
        if (file == null) {
            throw new MojoFailureException("zdd:deploy-app: no app to deploy: set zdd.app to the app's file or folder,"
                    + " or run the goal after package (mvn package zdd:deploy-app) so the project's artifact exists");
        }
        if (Files.isDirectory(file.toPath())) {
            return file.toPath();
        }
        if (!Files.isRegularFile(file.toPath())) {
            throw new MojoFailureException("zdd:deploy-app: the app " + file + " does not exist; build it first (mvn"
                    + " package) or set zdd.app");
        }
        Path folder = BuildDirectory.of(project).resolve("zdd/app-release");
        try {
            FileTrees.delete(folder);
            Files.createDirectories(folder);
            Files.copy(file.toPath(), folder.resolve(file.getName()), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:deploy-app: cannot stage " + file + " in " + folder + ": "
                    + e.getMessage(), e);
        }
        return folder;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
