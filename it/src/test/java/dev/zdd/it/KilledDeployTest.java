package dev.zdd.it;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hard faults: a deploy process killed with SIGKILL at random moments (connecting, uploading, verifying, swapping,
 * pruning) while nginx serves the root under load. After every kill, {@code current} must be a complete release
 * (every manifest file there with its size), nginx must have answered every request, and the next deploy must
 * succeed without anyone unlocking or cleaning up by hand. Ten kills land at random moments, three right after
 * the stage lines that precede the swap, the log append and the pruning.
 */
class KilledDeployTest {
    private static final int TRIALS = 10;
    /** Stage lines after which a kill lands at once: in the swap, the log append and the pruning. */
    private static final List<String> AT_STAGES = List.of("verified", "published", "logged");
    /** This machine as the killed processes name it, so that their dead locks are recognised as such. */
    private static final Actor ACTOR = Actor.current(null, null, System.getenv());

    @TempDir
    Path work;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aDeployKilledAnywhereLeavesACompleteReleaseLiveAndTheNextDeployWorks() throws Exception {
        Path root = work.resolve("www");
        Files.createDirectories(root);
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            String url = "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port() + root;
            SshSettings settings = new SshSettings(sshd.clientKey(), null, null, sshd.knownHosts(), false, false,
                    Duration.ofSeconds(20));
            deployHere(url, settings, stage(0), "r00");
            // How long an unkilled deploy takes in its own process: the kills land anywhere within it.
            long started = System.nanoTime();
            Process calibration = deployProcess(url, sshd, stage(1), "r01");
            assertEquals(0, calibration.waitFor(), Files.readString(work.resolve("deploy-r01.log")));
            long typicalMillis = (System.nanoTime() - started) / 1_000_000;

            SplittableRandom random = new SplittableRandom(20261204);
            List<String> kills = new ArrayList<>();
            try (NginxServer nginx = NginxServer.start(work.resolve("nginx"), root.resolve("current"));
                 LoadGenerator load = LoadGenerator.start(nginx.port(), "/", 2, false)) {
                for (int trial = 0; trial < TRIALS + AT_STAGES.size(); trial++) {
                    String id = String.format("r%02d", 10 + 2 * trial);
                    Process deploy = deployProcess(url, sshd, stage(10 + trial), id);
                    Path log = work.resolve("deploy-" + id + ".log");
                    String when;
                    boolean exited;
                    if (trial < TRIALS) {
                        long delay = random.nextLong(100, typicalMillis + 200);
                        exited = deploy.waitFor(delay, TimeUnit.MILLISECONDS);
                        when = delay + " ms";
                    } else {
                        // Random moments rarely land in the short swap and prune: aim at them too.
                        String stage = AT_STAGES.get(trial - TRIALS);
                        exited = awaitLine(deploy, log, stage + ": ");
                        when = "its '" + stage + "' line";
                    }
                    deploy.destroyForcibly().waitFor();
                    String output = Files.readString(log);
                    String lastStage = output.lines().filter(l -> l.matches("[a-z]+: .*")).reduce((a, b) -> b)
                            .map(l -> l.substring(0, l.indexOf(':'))).orElse("(before the first stage)");
                    kills.add(id + " killed after " + when + ", last stage " + (exited ? "(had exited)" : lastStage));

                    CompleteRelease.assertCurrent(root, id);
                    // The next deploy breaks the dead process's lock and removes its partial release itself.
                    deployHere(url, settings, stage(100 + trial), String.format("r%02d", 11 + 2 * trial));
                    CompleteRelease.assertCurrent(root, id);
                }
                assertTrue(load.requests() > 0);
                assertEquals(0, load.non2xx(), "nginx answered every request with 2xx: " + load.samples());
                assertEquals(0, load.socketErrors(), "no request failed: " + load.samples());
            }
            System.out.println("kill -9 trials (typical deploy " + typicalMillis + " ms):\n  " + String.join("\n  ",
                    kills));
        }
    }

    /** Waits until the process's output holds {@code marker}; true when it exited first. */
    private static boolean awaitLine(Process process, Path log, String marker) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(marker)) {
                return false;
            }
            if (!process.isAlive()) {
                return true;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no '" + marker + "' within 60 s: " + Files.readString(log));
    }

    private Process deployProcess(String url, OpenSshServer sshd, StagedRelease staged, String id)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DeployProcess.class.getName(), url, sshd.clientKey().toString(), sshd.knownHosts().toString(),
                staged.folder().toString(), id).redirectErrorStream(true)
                .redirectOutput(work.resolve("deploy-" + id + ".log").toFile()).start();
    }

    private static void deployHere(String url, SshSettings settings, StagedRelease staged, String id)
            throws Exception {
        SshTarget target = SshTarget.parse(url);
        try (Transport transport = SshConnector.connect(target, settings, line -> { })) {
            new Deployer(transport, new DeployLayout(target.path()), ACTOR, DeployListener.silent()).deploy(staged,
                    new DeployOptions(id, 3, 2, Duration.ofMinutes(30), Duration.ofSeconds(30), false));
        }
    }

    private StagedRelease stage(int n) throws Exception {
        return new GeneratedSites(work).stage(n);
    }
}
