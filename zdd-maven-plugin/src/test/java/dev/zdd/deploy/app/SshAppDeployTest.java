package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.CuttingProxy;
import dev.zdd.testing.OpenSshServer;
import dev.zdd.testing.StageHook;
import dev.zdd.testing.Steady;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every app-deploy case again over a real OpenSSH sshd: commands over exec channels, slots probed through the
 * connection (direct-tcpip for ports, direct-streamlocal for sockets). Plus a connection that dies after the new
 * slot started and before the switch.
 */
class SshAppDeployTest extends AppDeployContract {
    @TempDir
    static Path servers;
    static OpenSshServer sshd;
    static final java.util.List<CuttingProxy> PROXIES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private CuttingProxy proxy;

    @BeforeAll
    static void startSshd() {
        sshd = OpenSshServer.start(servers.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() {
        PROXIES.forEach(CuttingProxy::close);
        sshd.close();
    }

    @Override
    Transport open() throws IOException {
        proxy = CuttingProxy.start("127.0.0.1", sshd.port(), Long.MAX_VALUE);
        PROXIES.add(proxy);
        return SshConnector.connect(SshTarget.parse("ssh://" + sshd.user() + "@127.0.0.1:" + proxy.port() + root),
                new SshSettings(sshd.clientKey(), null, null, sshd.knownHostsFor(proxy.port()), false, false,
                        Duration.ofSeconds(10)), line -> log.add("WARN " + line));
    }

    @Test
    void anSftpOnlyTargetIsRefusedBeforeAnythingIsUploaded() throws Exception {
        try (OpenSshServer sftpOnly = OpenSshServer.startSftpOnly(servers.resolve("sftp-only"));
             Transport sftp = SshConnector.connect(SshTarget.parse("ssh://" + sftpOnly.user() + "@127.0.0.1:"
                     + sftpOnly.port() + root), new SshSettings(sftpOnly.clientKey(), null, null,
                     sftpOnly.knownHosts(), false, false, Duration.ofSeconds(10)), log::add)) {
            DeployException e = assertThrows(DeployException.class, () -> new AppPublisher(sftp, layout,
                    nginxSettings(b -> b), listener()));
            assertTrue(e.getMessage().contains("runs no commands"), e.getMessage());
        }
        assertTrue(!Files.exists(root.resolve("releases")), "nothing was uploaded");
    }

    @Test
    void waitingForASlowStartAddsNoCommands() throws Exception {
        startNginx();
        transport.close();
        int logged = sshd.log().length();
        transport = open();
        // Refused connections for two seconds: each one asks whether the app still runs, in the one shared shell.
        deploy("v1", Map.of("startDelayMs", "2000"), nginxSettings(b -> b));
        Steady.answers("version v1", this::served);
        List<String> commands = sshd.sessionsOfConnectionsAfter(logged).stream()
                .filter(line -> line.startsWith("Starting session: command ")).toList();
        // The shared shell (which also answers whether the host runs commands) and the release's upload.
        assertEquals(2, commands.size(), String.join("\n", commands));
    }

    @Test
    void aConnectionThatDiesAfterTheStartLeavesTheLiveSlotServing() throws Exception {
        startNginx();
        String v1 = deploy("v1", Map.of(), nginxSettings(b -> b));
        DeployListener cutting = StageHook.after(listener(), stage -> {
            if (stage == Stage.LAUNCHED) {
                proxy.cutAll();
            }
        });
        Exception e = assertThrows(Exception.class, () -> deployWith("v2", nginxSettings(b -> b), cutting));
        assertTrue(e instanceof DeployException || e instanceof IOException, e.toString());
        Steady.answers("version v1", this::served);
        assertEquals("releases/" + v1, Files.readSymbolicLink(root.resolve("current")).toString());
        assertTrue(Files.readString(root.resolve("upstream.conf")).contains("slot blue"));

        assertTrue(log.stream().anyMatch(l -> l.contains("could not release the lock") && l.contains("zdd:unlock")),
                String.join("\n", log));

        // After zdd:unlock, the next deploy on a new connection stops what the dead one left on the idle slot.
        transport.close();
        transport = open();
        dev.zdd.deploy.DeployLock.breakLock(transport, layout);
        deploy("v3", Map.of(), nginxSettings(b -> b));
        Steady.answers("version v3", this::served);
    }
}
