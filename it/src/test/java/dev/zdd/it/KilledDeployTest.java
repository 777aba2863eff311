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
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.hasher.manifest.ManifestJson;
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
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hard faults: a deploy process killed with SIGKILL at random moments (connecting, uploading, verifying, swapping,
 * pruning) while nginx serves the root under load. After every kill, {@code current} must be a complete release
 * (every manifest file there with its size), nginx must have answered every request, and the next deploy must
 * succeed without anyone unlocking or cleaning up by hand.
 */
class KilledDeployTest {
    private static final int TRIALS = 10;
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
                for (int trial = 0; trial < TRIALS; trial++) {
                    String id = String.format("r%02d", 10 + 2 * trial);
                    Process deploy = deployProcess(url, sshd, stage(10 + trial), id);
                    long delay = random.nextLong(100, typicalMillis + 200);
                    boolean exited = deploy.waitFor(delay, TimeUnit.MILLISECONDS);
                    deploy.destroyForcibly().waitFor();
                    String output = Files.readString(work.resolve("deploy-" + id + ".log"));
                    String lastStage = output.lines().filter(l -> l.matches("[a-z]+: .*")).reduce((a, b) -> b)
                            .map(l -> l.substring(0, l.indexOf(':'))).orElse("(before the first stage)");
                    kills.add(id + " killed after " + delay + " ms in " + (exited ? "(had exited)" : lastStage));

                    assertCurrentIsComplete(root, id);
                    // The next deploy breaks the dead process's lock and removes its partial release itself.
                    deployHere(url, settings, stage(100 + trial), String.format("r%02d", 11 + 2 * trial));
                    assertCurrentIsComplete(root, id);
                }
                assertTrue(load.requests() > 0);
                assertEquals(0, load.non2xx(), "nginx answered every request with 2xx: " + load.samples());
                assertEquals(0, load.socketErrors(), "no request failed: " + load.samples());
            }
            System.out.println("kill -9 trials (typical deploy " + typicalMillis + " ms):\n  " + String.join("\n  ",
                    kills));
        }
    }

    /** current names a release whose manifest's files are all there with their sizes. */
    private static void assertCurrentIsComplete(Path root, String trial) throws Exception {
        Path current = root.resolve("current");
        String link = Files.readSymbolicLink(current).toString();
        Path release = root.resolve(link);
        assertTrue(Files.isRegularFile(release.resolve(".zdd/release.json")), trial + ": " + link
                + " is not a complete release");
        Manifest manifest = ManifestJson.read(release.resolve(Manifest.LOCATION));
        for (Map.Entry<String, ManifestEntry> file : manifest.files().entrySet()) {
            Path path = release.resolve(file.getKey());
            assertTrue(Files.isRegularFile(path) && Files.size(path) == file.getValue().size(), trial + ": "
                    + link + " lacks " + file.getKey());
        }
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

    /** A site of 170 files (pages, styles, 1.2 MB of images) that differs a little from one n to the next. */
    private StagedRelease stage(int n) throws Exception {
        Path site = work.resolve("site-" + n);
        Map<String, byte[]> files = new TreeMap<>();
        Random bytes = new Random(n);
        for (int i = 0; i < 120; i++) {
            files.put("p" + i + ".html", ("<link rel=stylesheet href=s" + (i % 20) + ".css><img src=i" + (i % 30)
                    + ".png><p>page " + i + " of " + n).getBytes());
        }
        for (int i = 0; i < 20; i++) {
            files.put("s" + i + ".css", ("p{color:#" + (n % 10) + i + "}").getBytes());
        }
        for (int i = 0; i < 30; i++) {
            byte[] image = new byte[40_000];
            bytes.nextBytes(image);
            files.put("i" + i + ".png", image);
        }
        files.put("index.html", ("<a href=p1.html>n " + n + "</a>").getBytes());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = site.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Path out = work.resolve("staged-" + n);
        new AssetHasher(HasherConfig.builder(site, out).build()).run();
        return StagedRelease.read(out);
    }
}
