package dev.zdd.deploy;

import dev.zdd.testing.Readme;
import dev.zdd.deploy.ssh.ExecTransport;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.CuttingProxy;
import dev.zdd.testing.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine over a real OpenSSH sshd with a shell: exec commands and one tar stream. */
class SshExecDeployTest extends DeployEngineContract {
    @TempDir
    static Path server;
    static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() {
        sshd = OpenSshServer.start(server);
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    @Override
    String rootName() {
        return "it's a $(dir) & `x`; y";
    }

    SshSettings settings(Path knownHosts) {
        return new SshSettings(sshd.clientKey(), null, null, knownHosts, false, false, Duration.ofSeconds(10));
    }

    @Override
    Transport open() throws IOException {
        return SshConnector.connect(SshTarget.parse(url(sshd)), settings(sshd.knownHosts()),
                listener::warn);
    }

    @Test
    void aShellHostGetsTheExecTransport() throws IOException {
        try (Transport transport = open()) {
            assertTrue(assertInstanceOf(ExecTransport.class, transport).hasShell());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() throws IOException {
        Path empty = Files.writeString(work.resolve("empty_known_hosts"), "");
        IOException e = assertThrows(IOException.class, () -> SshConnector.connect(
                SshTarget.parse(url(sshd)), settings(empty), listener::warn));
        assertTrue(e.getMessage().contains("is not in " + empty), e.getMessage());
        assertTrue(e.getMessage().contains(sshd.hostKeyFingerprint()), e.getMessage());
        Readme.assertTroubleshooting("then add it with ssh-keyscan", e.getMessage());
    }

    @Test
    void aRefusedLoginNamesTheAccountAndWhatWasTried() {
        SshSettings wrongPassword = new SshSettings(null, null, "not-the-password", sshd.knownHosts(), false, false,
                Duration.ofSeconds(10));
        IOException e = assertThrows(IOException.class, () -> SshConnector.connect(
                SshTarget.parse(url(sshd)), wrongPassword, listener::warn));
        assertTrue(e.getMessage().startsWith(sshd.user() + "@127.0.0.1 refused the login (password): "),
                e.getMessage());
        Readme.assertTroubleshooting("refused the login", e.getMessage());
    }

    @Test
    void aChangedHostKeyIsRefused() throws IOException {
        Path other = sshd.otherKnownHosts(work.resolve("other_known_hosts"));
        IOException e = assertThrows(IOException.class, () -> SshConnector.connect(
                SshTarget.parse(url(sshd)), settings(other), listener::warn));
        assertTrue(e.getMessage().contains("CHANGED") && e.getMessage().contains(sshd.hostKeyFingerprint()),
                e.getMessage());
        Readme.assertTroubleshooting("CHANGED", e.getMessage());
    }

    @Test
    void disablingTheHostKeyCheckWorksButIsLoud() throws IOException {
        Path empty = Files.writeString(work.resolve("empty_known_hosts"), "");
        try (Transport transport = SshConnector.connect(SshTarget.parse(url(sshd)),
                new SshSettings(sshd.clientKey(), null, null, empty, true, false, Duration.ofSeconds(10)),
                listener::warn)) {
            assertEquals(Transport.PathKind.DIRECTORY, transport.kind(root.toString()));
        }
        assertTrue(listener.lines.stream().anyMatch(l -> l.contains("host key checking is DISABLED")));
        assertTrue(listener.lines.stream().anyMatch(l -> l.contains(sshd.hostKeyFingerprint())));
    }

    @Test
    void aKeyWithAPassphraseLogsIn() throws IOException {
        try (Transport transport = SshConnector.connect(SshTarget.parse(url(sshd)),
                new SshSettings(sshd.passphraseKey(), sshd.passphrase(), null, sshd.knownHosts(), false,
                        false, Duration.ofSeconds(10)), listener::warn)) {
            assertEquals(Transport.PathKind.DIRECTORY, transport.kind(root.toString()));
        }
        IOException wrong = assertThrows(IOException.class, () -> SshConnector.connect(
                SshTarget.parse(url(sshd)), new SshSettings(sshd.passphraseKey(), "wrong", null,
                        sshd.knownHosts(), false, false, Duration.ofSeconds(10)), listener::warn));
        assertTrue(wrong.getMessage().startsWith("cannot read the private key " + sshd.passphraseKey()
                + " with the passphrase given"), wrong.getMessage());
    }

    @Test
    void aConnectionCutMidUploadLeavesCurrentAloneAndTheNextDeploySucceeds() throws Exception {
        deploy(sites.version("v1"), "r1");
        Map<String, String> big = new HashMap<>();
        big.put("index.html", "<img src=big.png>");
        byte[] noise = new byte[3_000_000];
        new Random(1).nextBytes(noise);
        big.put("big.png", new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1));
        StagedRelease staged = sites.stage(big);
        try (CuttingProxy proxy = CuttingProxy.start("127.0.0.1", sshd.port(), 1_000_000)) {
            Path knownViaProxy = Files.writeString(work.resolve("proxy_known_hosts"), Files.readString(
                    sshd.knownHosts()).replace(":" + sshd.port() + " ", ":" + proxy.port() + " "));
            SshTarget viaProxy = SshTarget.parse("ssh://" + sshd.user() + "@127.0.0.1:" + proxy.port() + root);
            DeployException e = assertThrows(DeployException.class, () -> {
                try (Transport transport = SshConnector.connect(viaProxy, settings(knownViaProxy), listener::warn)) {
                    new Deployer(transport, layout(), ACTOR, listener).deploy(staged,
                            new DeployOptions("r2", 5, 2, Duration.ofSeconds(1), Duration.ZERO, false));
                }
            });
            assertEquals(1, proxy.cuts());
            assertTrue(e.stage().compareTo(Stage.PUBLISHED) < 0, e.stage() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("current is unchanged"), e.getMessage());
        }
        assertEquals("releases/r1", current());
        Thread.sleep(1100);
        deploy(staged, "r3");
        assertEquals("releases/r3", current());
        assertFalse(Files.exists(root.resolve("releases/r2")), "the broken upload was pruned");
        assertEquals(List.of("r1", "r3"), releaseDirs());
        assertTrue(listener.lines.stream().anyMatch(l -> l.contains("breaking the expired lock of tester@testhost")),
                listener.lines.toString());
    }

    @Test
    @Timeout(120)
    void aConnectionThatGoesSilentMidUploadFailsWithinTheTimeout() throws Exception {
        deploy(sites.version("v1"), "r1");
        Map<String, String> big = new HashMap<>();
        big.put("index.html", "<img src=big.png>");
        byte[] noise = new byte[3_000_000];
        new Random(2).nextBytes(noise);
        big.put("big.png", new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1));
        StagedRelease staged = sites.stage(big);
        Duration timeout = Duration.ofSeconds(3);
        try (CuttingProxy proxy = CuttingProxy.startFreezing("127.0.0.1", sshd.port(), 1_000_000)) {
            Path knownViaProxy = sshd.knownHostsFor(proxy.port());
            SshTarget viaProxy = SshTarget.parse("ssh://" + sshd.user() + "@127.0.0.1:" + proxy.port() + root);
            long started = System.nanoTime();
            DeployException e = assertThrows(DeployException.class, () -> {
                try (Transport transport = SshConnector.connect(viaProxy, new SshSettings(sshd.clientKey(), null,
                        null, knownViaProxy, false, false, timeout), listener::warn)) {
                    new Deployer(transport, layout(), ACTOR, listener).deploy(staged,
                            new DeployOptions("r2", 5, 2, Duration.ofSeconds(1), Duration.ZERO, false));
                }
            });
            long failed = System.nanoTime();
            assertEquals(1, proxy.cuts(), "the connection went silent");
            // Counted from the moment the connection went silent, so a slow start on a busy machine does not count:
            // one timeout to notice, one more at most for the failure record that cannot reach the server.
            long seconds = (failed - proxy.lastCutNanos()) / 1_000_000_000;
            assertTrue(seconds <= 2 * timeout.toSeconds() + 2, "failed " + seconds + " s after the connection went"
                    + " silent, with zdd.timeout " + timeout.toSeconds() + " s (" + (failed - started) / 1_000_000_000
                    + " s in all): " + e.getMessage());
            assertTrue(e.getMessage().contains("current is unchanged"), e.getMessage());
        }
        assertEquals("releases/r1", current());
    }

    /** {@code ssh://user@127.0.0.1:port/<root>}. */
    String url(OpenSshServer server) {
        return "ssh://" + server.user() + "@127.0.0.1:" + server.port() + root;
    }
}
