package dev.zdd.it;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.Rollback;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.testing.CuttingProxy;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.OpenSshServer;
import dev.zdd.testing.TmpfsMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hard faults on the server while nginx serves the deploy root under load, over a real sshd: a deploy root on a
 * full disk, a damaged release as the rollback target, a connection that goes silent under a short zdd.timeout.
 * After each, nginx must have answered every request with 2xx, {@code current} must be a complete release, and the
 * next deploy must succeed without anyone unlocking or cleaning up by hand. The first line of each error is what
 * a user reads, so each is asserted and printed.
 */
class FaultInjectionTest {
    /** This machine as a killed deploy process names it, so that its dead lock is recognised as such. */
    private static final Actor ACTOR = Actor.current(null, null, System.getenv());

    @TempDir
    Path work;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFullServerDiskFailsTheDeployNamingTheCauseAndTheNextOneSucceeds() throws Exception {
        GeneratedSites sites = new GeneratedSites(work);
        // 4 MiB: the first release (1.2 MB) fits, the second (3.2 MB of new images beside it) cannot.
        try (TmpfsMount disk = TmpfsMount.of(work.resolve("disk"), "4m");
             OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            Path root = disk.folder().resolve("www");
            Files.createDirectories(root);
            String url = url(sshd, sshd.port(), root);
            deploy(url, settings(sshd, sshd.knownHosts(), 20), sites.stage(1), "r1");
            try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"));
                 LoadGenerator load = LoadGenerator.start(nginx.port(), "/", 2, false)) {
                DeployException e = assertThrows(DeployException.class, () -> deploy(url,
                        settings(sshd, sshd.knownHosts(), 20), sites.stage(2, 80, 40_000), "r2"));
                String first = e.getMessage().lines().findFirst().orElse("");
                System.out.println("full disk, first error line: " + first);
                assertTrue(first.contains("the server's disk is full: no space left on device under " + root), first);
                assertFalse(first.contains("tar -x"), "the shell command is not the user's business: " + first);
                assertTrue(e.getMessage().contains("current is unchanged"), e.getMessage());
                assertEquals("r1", CompleteRelease.assertCurrent(root, "after the full disk"));
                assertFalse(Files.exists(root.resolve("releases/r2")), "the partial release was removed");

                deploy(url, settings(sshd, sshd.knownHosts(), 20), sites.stage(3), "r3");
                assertEquals("r3", CompleteRelease.assertCurrent(root, "the next deploy"));
                assertServedWithoutError(load);
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDamagedRollbackTargetIsRefusedNamingTheMissingFilesAndSkippedWhenUnnamed() throws Exception {
        GeneratedSites sites = new GeneratedSites(work);
        Path root = work.resolve("www");
        Files.createDirectories(root);
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            String url = url(sshd, sshd.port(), root);
            SshSettings settings = settings(sshd, sshd.knownHosts(), 20);
            for (int n = 1; n <= 3; n++) {
                deploy(url, settings, sites.stage(n), "r" + n);
            }
            // Files deleted by hand from the release a rollback would return to.
            Path damaged = root.resolve("releases/r2");
            Manifest manifest = ManifestJson.read(damaged.resolve(Manifest.LOCATION));
            List<String> removed = manifest.files().keySet().stream().filter(f -> f.endsWith(".png")).limit(3)
                    .toList();
            for (String file : removed) {
                Files.delete(damaged.resolve(file));
            }
            try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"));
                 LoadGenerator load = LoadGenerator.start(nginx.port(), "/", 2, false)) {
                DeployException e = assertThrows(DeployException.class, () -> rollback(url, settings, "r2"));
                String first = e.getMessage().lines().findFirst().orElse("");
                System.out.println("damaged rollback target, first error line: " + first);
                assertTrue(first.contains("release r2") && first.contains("is damaged, so it is not made live"),
                        first);
                assertTrue(e.getMessage().contains(removed.get(0)), "names a missing file: " + e.getMessage());
                assertEquals("r3", CompleteRelease.assertCurrent(root, "after the refused rollback"));

                assertEquals("r1", rollback(url, settings, null), "an unnamed rollback skips the damaged release");
                assertEquals("r1", CompleteRelease.assertCurrent(root, "after the rollback"));
                deploy(url, settings, sites.stage(4), "r4");
                assertEquals("r4", CompleteRelease.assertCurrent(root, "the next deploy"));
                assertServedWithoutError(load);
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aConnectionThatGoesSilentEndsTheDeployWithinTheTimeoutAndTheNextOneSucceeds() throws Exception {
        GeneratedSites sites = new GeneratedSites(work);
        Path root = work.resolve("www");
        Files.createDirectories(root);
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            String url = url(sshd, sshd.port(), root);
            SshSettings settings = settings(sshd, sshd.knownHosts(), 20);
            deploy(url, settings, sites.stage(1), "r1");
            StagedRelease big = sites.stage(2, 60, 60_000);
            try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"));
                 LoadGenerator load = LoadGenerator.start(nginx.port(), "/", 2, false);
                 CuttingProxy proxy = CuttingProxy.startFreezing("127.0.0.1", sshd.port(), 1_000_000)) {
                int timeoutSeconds = 3;
                Path log = work.resolve("deploy-r2.log");
                long started = System.nanoTime();
                // Its own process, as zdd:deploy runs: after the failure it exits, leaving its lock to a dead pid.
                Process deploy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), DeployProcess.class.getName(),
                        url(sshd, proxy.port(), root), sshd.clientKey().toString(),
                        sshd.knownHostsFor(proxy.port()).toString(), big.folder().toString(), "r2",
                        String.valueOf(timeoutSeconds)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                assertTrue(deploy.waitFor(60, TimeUnit.SECONDS), "the deploy ended: " + Files.readString(log));
                long seconds = (System.nanoTime() - started) / 1_000_000_000;
                String output = Files.readString(log);
                assertEquals(1, proxy.cuts(), "the connection went silent: " + output);
                assertTrue(deploy.exitValue() != 0, output);
                String error = output.lines().filter(l -> l.contains("DeployException")).findFirst().orElse(output);
                System.out.println("silent connection, first error line (after " + seconds + " s with zdd.timeout "
                        + timeoutSeconds + " s, JVM start included): " + error);
                assertTrue(error.contains("no answer from") && error.contains("current is unchanged"), error);
                // JVM start, connect and the upload before the freeze, then at most twice the timeout.
                assertTrue(seconds <= 2 * timeoutSeconds + 10, "ended after " + seconds + " s: " + output);
                assertEquals("r1", CompleteRelease.assertCurrent(root, "after the silent connection"));

                deploy(url, settings, sites.stage(3), "r3");
                assertEquals("r3", CompleteRelease.assertCurrent(root, "the next deploy"));
                assertFalse(Files.exists(root.resolve("releases/r2")), "the dead deploy's partial release is gone");
                assertServedWithoutError(load);
            }
        }
    }

    private static void assertServedWithoutError(LoadGenerator load) {
        assertTrue(load.requests() > 0, "the load ran");
        assertEquals(0, load.non2xx(), "nginx answered every request with 2xx: " + load.samples());
        assertEquals(0, load.socketErrors(), "no request failed: " + load.samples());
    }

    private static String url(OpenSshServer sshd, int port, Path root) {
        return "ssh://" + sshd.user() + "@127.0.0.1:" + port + root;
    }

    private static SshSettings settings(OpenSshServer sshd, Path knownHosts, int timeoutSeconds) {
        return new SshSettings(sshd.clientKey(), null, null, knownHosts, false, false,
                Duration.ofSeconds(timeoutSeconds));
    }

    private static void deploy(String url, SshSettings settings, StagedRelease staged, String id) throws Exception {
        SshTarget target = SshTarget.parse(url);
        try (Transport transport = SshConnector.connect(target, settings, line -> { })) {
            new Deployer(transport, new DeployLayout(target.path()), ACTOR, DeployListener.silent()).deploy(staged,
                    new DeployOptions(id, 5, 2, Duration.ofMinutes(30), Duration.ZERO, false));
        }
    }

    private static String rollback(String url, SshSettings settings, String release) throws Exception {
        SshTarget target = SshTarget.parse(url);
        try (Transport transport = SshConnector.connect(target, settings, line -> { })) {
            return new Rollback(transport, new DeployLayout(target.path()), ACTOR, DeployListener.silent())
                    .rollback(release, Duration.ofMinutes(30), Duration.ZERO);
        }
    }
}
