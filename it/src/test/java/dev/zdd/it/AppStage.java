package dev.zdd.it;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.app.AppPublisher;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.app.Slot;
import dev.zdd.deploy.app.SlotProcesses;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.DemoAppRelease;
import dev.zdd.testing.FreePort;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.OpenSshServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An app's target as users have it: a real sshd to deploy through, a real nginx in front of the slots (include +
 * reload, or a unix-socket link), and {@code DemoApp} releases deployed and rolled back by the engine. Notes when
 * each release passed its health gate, for timing what follows.
 */
public final class AppStage implements AutoCloseable {
    private static final Actor ACTOR = new Actor("tester", "testhost", ProcessHandle.current().pid(), "abc1234",
            "1.0", null);

    private final Path work;
    private final Path root;
    private final OpenSshServer sshd;
    private final NginxServer nginx;
    private final AppSettings settings;
    private final DeployLayout layout;
    private final Map<String, Long> healthy = new ConcurrentHashMap<>();
    private final Map<String, String> published = new ConcurrentHashMap<>();

    private AppStage(Path work, Path root, OpenSshServer sshd, NginxServer nginx, AppSettings settings) {
        this.work = work;
        this.root = root;
        this.sshd = sshd;
        this.nginx = nginx;
        this.settings = settings;
        this.layout = new DeployLayout(root.toString());
    }

    public static AppStage start(Path work, AppSettings.SwitchMode mode) throws IOException {
        Path root = work.resolve("app");
        Files.createDirectories(root);
        OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"));
        int blue = FreePort.find();
        int green = FreePort.find();
        while (green == blue) {
            green = FreePort.find();
        }
        NginxServer nginx;
        if (mode == AppSettings.SwitchMode.NGINX) {
            // The README's placeholder, so nginx starts before the first deploy.
            Files.writeString(root.resolve("upstream.conf"), "server 127.0.0.1:" + blue + ";\n");
            nginx = NginxServer.startProxyToUpstream(work.resolve("nginx"), root.resolve("upstream.conf"));
        } else {
            nginx = NginxServer.startProxyToSocket(work.resolve("nginx"), root.resolve("live.sock"));
        }
        AppSettings settings = new AppSettings(mode, List.of(blue, green), DemoAppRelease.START, null, "/health",
                null, List.of("/status=UP"), Duration.ofSeconds(60), List.of("/"), null, nginx.testCommand(),
                nginx.reloadCommand(), nginx.url("/"), Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ZERO);
        return new AppStage(work, root, sshd, nginx, settings);
    }

    public NginxServer nginx() {
        return nginx;
    }

    private Transport connect() throws IOException {
        return SshConnector.connect(SshTarget.parse("ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port() + root),
                new SshSettings(sshd.clientKey(), null, null, sshd.knownHosts(), false, false, Duration.ofSeconds(20)),
                line -> { });
    }

    /** Deploys {@code DemoApp} version {@code n} as release {@code r<n>}; returns the release id. */
    public String deploy(int n) throws Exception {
        String id = String.format("r%04d", n);
        StagedRelease staged = StagedRelease.read(DemoAppRelease.create(work.resolve("builds"), "v" + n, Map.of()));
        try (Transport transport = connect()) {
            DeployListener listener = listener(id);
            new Deployer(transport, layout, ACTOR, listener, new AppPublisher(transport, layout, settings, listener))
                    .deploy(staged, new DeployOptions(id, 5, 0, Duration.ofMinutes(5), Duration.ZERO, false));
        }
        return id;
    }

    /** Rolls back to the previous good release; returns what the publisher said (how it went live). */
    public String rollback() throws Exception {
        try (Transport transport = connect()) {
            AppSettings saved = SavedAppSettings.read(transport, layout);
            DeployListener listener = listener("rollback");
            new Rollback(transport, layout, ACTOR, listener, new AppPublisher(transport, layout, saved, listener))
                    .rollback(null, Duration.ofMinutes(5), Duration.ZERO);
        }
        return published.get("rollback");
    }

    /** When a release passed its health gate ({@link System#nanoTime()}), or null. */
    public Long healthyAt(String release) {
        return healthy.get(release);
    }

    private DeployListener listener(String key) {
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
                if (stage == Stage.HEALTHY) {
                    healthy.put(key, System.nanoTime());
                } else if (stage == Stage.PUBLISHED) {
                    published.put(key, detail);
                }
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
            }

            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }
        };
    }

    @Override
    public void close() throws Exception {
        try (sshd; nginx; Transport transport = connect()) {
            SlotProcesses processes = new SlotProcesses(transport.host(), layout, settings);
            for (Slot slot : Slot.values()) {
                processes.cancelAndStop(slot, null);
            }
        }
    }
}
