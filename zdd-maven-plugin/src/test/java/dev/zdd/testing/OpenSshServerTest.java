package dev.zdd.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sshd fixture, checked with the real OpenSSH client. */
class OpenSshServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void runsCommandsForTheClientKeyAndClosesItsPort() {
        OpenSshServer server;
        try (OpenSshServer s = OpenSshServer.start(dir.resolve("sshd"))) {
            server = s;
            Exec.Result result = ssh(s, s.clientKey(), s.knownHosts(), "echo ok");
            assertEquals("ok\n", result.ok(), result::toString);
            assertTrue(s.log().contains("Accepted publickey for " + s.user()), s::log);
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.host(), server.port()), 1000);
            }
        }, "sshd still listens after close()");
    }

    @Test
    void acceptsThePassphraseKeyWithItsPassphrase() throws IOException {
        try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"))) {
            // ssh asks for passphrases through SSH_ASKPASS when forced to; BatchMode would forbid asking at all.
            Path askpass = dir.resolve("askpass");
            Files.writeString(askpass, "#!/bin/sh\necho '" + server.passphrase() + "'\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> env = Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                    "DISPLAY", ":0");
            List<String> command = sshCommand(server, server.passphraseKey(), server.knownHosts(), "echo ok");
            command.set(command.indexOf("BatchMode=yes"), "BatchMode=no");
            Exec.Result result = Exec.run(TIMEOUT, env, "", command.toArray(String[]::new));
            assertEquals("ok\n", result.ok(), result::toString);

            // Without the passphrase the key is unusable, so the test above did use it.
            Exec.Result wrong = Exec.run(TIMEOUT, "/usr/bin/ssh-keygen", "-y", "-P", "", "-f",
                    server.passphraseKey().toString());
            assertNotEquals(0, wrong.exitCode(), wrong::toString);
        }
    }

    @Test
    void sftpOnlyServerRunsSftpButNoCommands() {
        try (OpenSshServer server = OpenSshServer.startSftpOnly(dir.resolve("sshd"))) {
            Exec.Result exec = ssh(server, server.clientKey(), server.knownHosts(), "echo ok");
            // OpenSSH accepts the exec request, then internal-sftp prints this on the channel's stdout (not stderr)
            // and exits with 1: a probe must look at the exit code, not just read the output.
            assertEquals(1, exec.exitCode(), exec::toString);
            assertEquals("This service allows sftp connections only.\n", exec.stdout(), exec::toString);

            Exec.Result sftp = Exec.run(TIMEOUT, Map.of(), "pwd\n", "/usr/bin/sftp", "-b", "-", "-F", "/dev/null",
                    "-i", server.clientKey().toString(),
                    "-o", "UserKnownHostsFile=" + server.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
                    "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-P", String.valueOf(server.port()), server.user() + "@" + server.host());
            assertTrue(sftp.ok().contains("Remote working directory: /"), sftp::toString);
        }
    }

    @Test
    void refusesAChangedHostKey() {
        try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"))) {
            Path other = server.otherKnownHosts(dir.resolve("other_known_hosts"));
            Exec.Result result = ssh(server, server.clientKey(), other, "echo ok");
            assertNotEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), result::toString);
            assertFalse(result.stdout().contains("ok"), result::toString);
        }
    }

    @Test
    void fingerprintMatchesWhatTheClientSees() {
        try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"))) {
            String fingerprint = server.hostKeyFingerprint();
            assertTrue(fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}"), fingerprint);
            // ssh -v prints the fingerprint of the key the server presented.
            List<String> command = sshCommand(server, server.clientKey(), server.knownHosts(), "true");
            command.add(1, "-v");
            Exec.Result result = Exec.run(TIMEOUT, Map.of(), "", command.toArray(String[]::new));
            assertTrue(result.stderr().contains("Server host key: ssh-ed25519 " + fingerprint), result::toString);
        }
    }

    private static Exec.Result ssh(OpenSshServer server, Path key, Path knownHosts, String remoteCommand) {
        return Exec.run(TIMEOUT, Map.of(), "", sshCommand(server, key, knownHosts, remoteCommand)
                .toArray(String[]::new));
    }

    /** ssh with nothing from the user's ~/.ssh or /etc/ssh: only this key, only this known_hosts. */
    private static List<String> sshCommand(OpenSshServer server, Path key, Path knownHosts, String remoteCommand) {
        return new ArrayList<>(List.of("/usr/bin/ssh", "-F", "/dev/null", "-i", key.toString(),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-p", String.valueOf(server.port()), server.user() + "@" + server.host(), remoteCommand));
    }
}
