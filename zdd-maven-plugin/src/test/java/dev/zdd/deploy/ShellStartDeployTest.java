package dev.zdd.deploy;

import dev.zdd.deploy.ssh.ExecTransport;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Host;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.OpenSshServer;
import dev.zdd.testing.Readme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a deploy finds out whether a host runs commands, and how many it starts there: each is a shell start with the
 * account's login scripts, slow on machines whose {@code ~/.bashrc} sets up language version managers.
 */
class ShellStartDeployTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    @TempDir
    static Path servers;
    static OpenSshServer slowLogin;
    static OpenSshServer silent;
    static OpenSshServer chatty;

    @TempDir
    Path work;

    @BeforeAll
    static void startSshds() {
        // Longer than planning a small release takes, so the release's command has not answered when it is asked.
        slowLogin = OpenSshServer.startWithSlowLogin(servers.resolve("slow-login"), "0.7");
        silent = OpenSshServer.startWithSilentCommands(servers.resolve("silent"));
        chatty = OpenSshServer.startWithChattyLogin(servers.resolve("chatty"), "Welcome to the test host");
    }

    @AfterAll
    static void stopSshds() {
        slowLogin.close();
        silent.close();
        chatty.close();
    }

    @Test
    void aDeployAndTheNextOneStartOneCommandEach() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Sites sites = new Sites(work);

        long before = slowLogin.commandsRun();
        deploy(slowLogin, root, sites.version("v1"), "r1");
        assertEquals(1, slowLogin.commandsRun() - before, "commands a first deploy started");
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());

        before = slowLogin.commandsRun();
        DeployPlan second = deploy(slowLogin, root, sites.version("v2"), "r2");
        assertEquals(1, slowLogin.commandsRun() - before, "commands a deploy with hard links started");
        assertEquals("releases/r2", Files.readSymbolicLink(root.resolve("current")).toString());
        assertFalse(second.reuse().isEmpty(), "the second deploy links unchanged files");
        assertEquals(Files.getAttribute(root.resolve("releases/r1/about/index.html"), "unix:ino"),
                Files.getAttribute(root.resolve("releases/r2/about/index.html"), "unix:ino"),
                "an unchanged page is linked, not sent");
    }

    @Test
    void aHostWhoseCommandsSayNothingIsProbedAndDeployedToOverSftp() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        StagedRelease staged = new Sites(work).version("v1");
        deploy(silent, root, staged, "r1");
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
        for (String path : staged.manifest().files().keySet()) {
            assertEquals(Files.readString(staged.file(path)), Files.readString(root.resolve("current/" + path)));
        }
        try (Transport transport = open(silent, root)) {
            assertFalse(assertInstanceOf(ExecTransport.class, transport).hasShell());
        }
    }

    @Test
    void anAppHostIsAskedWhetherItRunsCommandsInTheShellItRunsThemIn() throws Exception {
        long before = slowLogin.commandsRun();
        try (Transport transport = open(slowLogin, work)) {
            Host host = transport.host();
            assertNotNull(host);
            assertEquals("one\n", host.run("echo one"));
            assertEquals("two\n", host.run("echo two"));
        }
        assertEquals(1, slowLogin.commandsRun() - before, "commands started");
    }

    @Test
    void aHostWhoseShellSaysNothingIsProbedAndIsNoAppHost() throws Exception {
        try (Transport transport = open(silent, work)) {
            assertNull(transport.host());
        }
    }

    @Test
    void aLoginScriptThatPrintsIsNamedAndTheDeployGoesOnOverSftp() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        StagedRelease staged = new Sites(work).version("v1");
        List<String> warnings = new ArrayList<>();
        try (Transport transport = open(chatty, root, warnings::add)) {
            new Deployer(transport, new DeployLayout(root.toString()), DeployEngineContract.ACTOR,
                    new RecordingListener()).deploy(staged, new DeployOptions("r1", 5, 2, LEASE, Duration.ZERO,
                    false));
        }
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
        for (String path : staged.manifest().files().keySet()) {
            assertEquals(Files.readString(staged.file(path)), Files.readString(root.resolve("current/" + path)));
        }
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains("a login script printed 'Welcome to the test host' before zdd's command"
                + " ran") && warnings.get(0).contains("~/.bashrc"), warnings.get(0));
        Readme.assertTroubleshooting("a login script printed", warnings.get(0));

        try (Transport transport = open(chatty, root, line -> { })) {
            assertNull(transport.host());
            assertTrue(transport.whyNoHost().startsWith("a login script printed 'Welcome to the test host'"),
                    transport.whyNoHost());
        }
    }

    private static DeployPlan deploy(OpenSshServer sshd, Path root, StagedRelease staged, String id)
            throws Exception {
        try (Transport transport = open(sshd, root)) {
            return new Deployer(transport, new DeployLayout(root.toString()), DeployEngineContract.ACTOR,
                    new RecordingListener()).deploy(staged, new DeployOptions(id, 5, 2, LEASE, Duration.ZERO, false));
        }
    }

    private static Transport open(OpenSshServer sshd, Path root) throws Exception {
        return open(sshd, root, message -> { });
    }

    private static Transport open(OpenSshServer sshd, Path root, Consumer<String> warn) throws Exception {
        String url = "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port() + root;
        return SshConnector.connect(SshTarget.parse(url), new SshSettings(sshd.clientKey(), null, null,
                sshd.knownHosts(), false, false, Duration.ofSeconds(10)), warn);
    }
}
