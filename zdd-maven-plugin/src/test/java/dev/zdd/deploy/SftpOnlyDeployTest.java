package dev.zdd.deploy;

import dev.zdd.deploy.ssh.ExecTransport;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The engine over an sshd that allows SFTP and nothing else. */
class SftpOnlyDeployTest extends DeployEngineContract {
    /** Files go eight at a time over the one SFTP channel; those begun before a stop may still land. */
    @Override
    int filesInFlight() {
        return 8;
    }

    @TempDir
    static Path server;
    static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() {
        sshd = OpenSshServer.startSftpOnly(server);
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    @Override
    Transport open() throws IOException {
        return SshConnector.connect(SshTarget.parse(url(sshd)), new SshSettings(sshd.clientKey(),
                null, null, sshd.knownHosts(), false, false, Duration.ofSeconds(10)), listener::warn);
    }

    @Override
    boolean canHash() {
        return false;
    }

    @Test
    void anSftpOnlyHostIsDetected() throws Exception {
        try (Transport transport = open()) {
            assertFalse(assertInstanceOf(ExecTransport.class, transport).hasShell());
        }
    }

    @Test
    void aDeployLearnsThatTheHostRunsNoCommandsFromItsReleaseCommandAlone() throws Exception {
        int logged = sshd.log().length();
        deploy(sites.version("v1"), "r1");
        // The SFTP session and the release's command, which OpenSSH refuses at once: no probe beside them.
        assertEquals(2, sshd.sessionsOfConnectionsAfter(logged).size(), sshd.log().substring(logged));
        assertEquals("releases/r1", current());
    }

    /** {@code ssh://user@127.0.0.1:port/<root>}. */
    String url(OpenSshServer server) {
        return "ssh://" + server.user() + "@127.0.0.1:" + server.port() + root;
    }
}
