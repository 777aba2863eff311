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
import java.util.Set;
import java.util.stream.Collectors;

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
        assertEquals(2, sessionsOfConnectionsAfter(logged), sshd.log().substring(logged));
        assertEquals("releases/r1", current());
    }

    /**
     * Sessions of the connections made after the log had {@code offset} characters: a session that an earlier test
     * asked for as it closed may be logged later.
     */
    private static long sessionsOfConnectionsAfter(int offset) {
        String log = sshd.log().substring(offset);
        Set<String> ports = log.lines().filter(line -> line.startsWith("Connection from "))
                .map(line -> line.replaceAll("^Connection from \\S+ port (\\d+) .*", "$1"))
                .collect(Collectors.toSet());
        return log.lines().filter(line -> line.startsWith("Starting session: "))
                .filter(line -> ports.contains(line.replaceAll(".* port (\\d+) id \\d+$", "$1")))
                .count();
    }

    /** {@code ssh://user@127.0.0.1:port/<root>}. */
    String url(OpenSshServer server) {
        return "ssh://" + server.user() + "@127.0.0.1:" + server.port() + root;
    }
}
