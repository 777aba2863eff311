package dev.zdd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A real OpenSSH server on 127.0.0.1, run as a child process with its own keys and configuration under one folder.
 * Deploys are tested against the server our users run, not a Java imitation that accepts what OpenSSH refuses.
 */
public final class OpenSshServer implements PortServer {
    private static final String HOST = "127.0.0.1";
    private static final String PASSPHRASE = "correct-horse-battery-staple";
    private static final Duration KEYGEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** Where a server of {@link #startWithSlowLogin} notes each command it runs, one line each. */
    private static final String COMMANDS = "commands.log";

    private final Path dir;
    private final Process process;
    private final int port;
    private final Path hostKey;

    private OpenSshServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.hostKey = dir.resolve("host_ed25519_key");
    }

    /** Starts sshd allowing shell commands (exec channels) and SFTP. */
    public static OpenSshServer start(Path dir) {
        return start(dir, false);
    }

    /**
     * Starts sshd the way SFTP-only hosts are set up: {@code ForceCommand internal-sftp}. SFTP works; an exec
     * request is accepted, but prints "This service allows sftp connections only." on stdout and exits with 1.
     */
    public static OpenSshServer startSftpOnly(Path dir) {
        return start(dir, true);
    }

    /** Starts sshd allowing only the given ciphers ({@code Ciphers} of sshd_config), like a hardened host. */
    public static OpenSshServer startWithCiphers(Path dir, String ciphers) {
        return start(dir, false, "Ciphers " + ciphers);
    }

    /**
     * Starts sshd as if the account's login scripts took {@code seconds} before each session (SFTP included), and
     * counting the commands it runs ({@link #commandsRun()}): each is one more shell start with those scripts.
     * Commands run as usual, through the shell; SFTP through OpenSSH's {@code sftp-server}.
     */
    public static OpenSshServer startWithSlowLogin(Path dir, String seconds) {
        return startForcing(dir, "sleep " + seconds, "echo . >> '" + dir.resolve(COMMANDS)
                + "'; eval \"$SSH_ORIGINAL_COMMAND\"");
    }

    /**
     * Starts sshd whose every command reads its input and prints nothing, as an SFTP server other than OpenSSH's
     * might when a command is forced to it; SFTP works.
     */
    public static OpenSshServer startWithSilentCommands(Path dir) {
        return startForcing(dir, "true", "exec cat > /dev/null");
    }

    /**
     * Starts sshd whose commands first print {@code banner} on standard output, as when a login script echoes
     * something for non-interactive shells too; SFTP works.
     */
    public static OpenSshServer startWithChattyLogin(Path dir, String banner) {
        return startForcing(dir, "true", "echo '" + banner + "'; eval \"$SSH_ORIGINAL_COMMAND\"");
    }

    /** sshd with every session forced through {@code before}, then SFTP to OpenSSH's sftp-server, else {@code command}. */
    private static OpenSshServer startForcing(Path dir, String before, String command) {
        Path sftpServer = Tools.require("/usr/lib/openssh/sftp-server", "openssh-sftp-server");
        return start(dir, false, "ForceCommand " + before + "; if [ \"$SSH_ORIGINAL_COMMAND\" = internal-sftp ];"
                + " then exec " + sftpServer + "; fi; " + command);
    }

    /** How many commands a server of {@link #startWithSlowLogin} has run so far. */
    public long commandsRun() {
        try {
            Path log = dir.resolve(COMMANDS);
            return Files.exists(log) ? Files.readAllLines(log).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OpenSshServer start(Path dir, boolean sftpOnly) {
        return start(dir, sftpOnly, "");
    }

    private static OpenSshServer start(Path dir, boolean sftpOnly, String extraConfig) {
        Path sshd = Tools.require("/usr/sbin/sshd", "openssh-server");
        Tools.require("/usr/bin/ssh-keygen", "openssh-client");
        try {
            Files.createDirectories(dir);
            generateKey(dir.resolve("host_ed25519_key"), "");
            generateKey(dir.resolve("client_ed25519_key"), "");
            generateKey(dir.resolve("passphrase_ed25519_key"), PASSPHRASE);
            Files.writeString(dir.resolve("authorized_keys"),
                    Files.readString(dir.resolve("client_ed25519_key.pub"))
                            + Files.readString(dir.resolve("passphrase_ed25519_key.pub")));
            // sshd refuses to start without its privilege separation directory; Debian creates it only at boot.
            Files.createDirectories(Path.of("/run/sshd"));
            return PortServer.startOnFreePort(port -> {
                Path config = dir.resolve("sshd_config");
                Files.writeString(config, config(dir, port, sftpOnly) + extraConfig + "\n");
                Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("sshd.log").toFile())
                        .start();
                return new OpenSshServer(dir, process, port);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd in " + dir, e);
        }
    }

    private static String config(Path dir, int port, boolean sftpOnly) {
        // sshd reads everything from this folder: no system host keys, no ~/.ssh, no PAM (which would need a real
        // login), and StrictModes off because build folders are often group-writable.
        return String.join("\n",
                "ListenAddress " + HOST,
                "Port " + port,
                "HostKey " + dir.resolve("host_ed25519_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin yes",
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE",
                sftpOnly ? "ForceCommand internal-sftp" : "",
                "");
    }

    /** Waits until sshd answers with its version line on the port, or fails with its log. */
    @Override
    public void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                socket.setSoTimeout(1000);
                // Reading the banner proves it is our sshd that took the port, not another process. sshd logs this
                // probe as "kex_exchange_identification: Connection closed by remote host".
                if (readLine(socket.getInputStream()).startsWith("SSH-2.0-")) {
                    return;
                }
            } catch (IOException e) {
                lastError = e;
            }
            sleep(10);
        }
        throw new IllegalStateException("sshd did not accept connections on port " + port + " within "
                + START_TIMEOUT + " (" + lastError + "):\n" + log());
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n' && line.length() < 256; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static void generateKey(Path file, String passphrase) throws IOException {
        // ssh-keygen asks before overwriting (and fails without a terminal): a folder may be started twice.
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".pub"));
        Exec.run(KEYGEN_TIMEOUT, "/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C",
                "zdd-test", "-f", file.toString()).ok();
    }

    /** The listening sshd's process id: its reaped session processes' CPU time is counted in its own stat. */
    public long pid() {
        return process.pid();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The user sshd lets in: whoever runs the tests (root on CI). */
    public String user() {
        return System.getProperty("user.name");
    }

    /** An authorized ed25519 private key (OpenSSH format) without a passphrase. */
    public Path clientKey() {
        return dir.resolve("client_ed25519_key");
    }

    /** An authorized ed25519 private key encrypted with {@link #passphrase()}. */
    public Path passphraseKey() {
        return dir.resolve("passphrase_ed25519_key");
    }

    public String passphrase() {
        return PASSPHRASE;
    }

    /** A known_hosts file that trusts this server's host key, in the form ssh writes for a non-default port. */
    public Path knownHosts() {
        return writeKnownHosts(dir.resolve("known_hosts"), hostKey);
    }

    /** A known_hosts that trusts this server's key when it is reached on another port, through a proxy. */
    public Path knownHostsFor(int viaPort) {
        try {
            String[] pub = Files.readString(Path.of(hostKey + ".pub")).trim().split(" ");
            Path file = dir.resolve("known_hosts_" + viaPort);
            Files.writeString(file, "[" + HOST + "]:" + viaPort + " " + pub[0] + " " + pub[1] + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code file} as a known_hosts that lists a different, freshly generated key for this server, as if the
     * server's key had changed since the user first trusted it. Returns {@code file}.
     */
    public Path otherKnownHosts(Path file) {
        try {
            Path otherKey = Files.createTempDirectory(dir, "other-host-key").resolve("key");
            generateKey(otherKey, "");
            return writeKnownHosts(file, otherKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeKnownHosts(Path file, Path key) {
        try {
            // A .pub line is "<type> <base64> <comment>"; known_hosts wants "<host pattern> <type> <base64>".
            String[] pub = Files.readString(Path.of(key + ".pub")).trim().split(" ");
            String line = "[" + HOST + "]:" + port + " " + pub[0] + " " + pub[1] + "\n";
            if (Files.isRegularFile(file) && Files.readString(file).equals(line)) {
                return file;
            }
            // Written aside and renamed: clients connecting at the same time read it meanwhile.
            Path temp = Files.createTempFile(file.getParent(), "known_hosts", ".tmp");
            Files.writeString(temp, line);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's fingerprint as ssh prints it, {@code SHA256:<base64 without padding>}. */
    public String hostKeyFingerprint() {
        // "256 SHA256:... zdd-test (ED25519)"
        String line = Exec.run(KEYGEN_TIMEOUT, "/usr/bin/ssh-keygen", "-lf", hostKey + ".pub").ok();
        return line.trim().split(" ")[1];
    }

    /**
     * The "Starting session: ..." lines of the connections made after the log had {@code offset} characters (see
     * {@link #log()}): a session an earlier connection asked for as it closed may be logged later.
     */
    public List<String> sessionsOfConnectionsAfter(int offset) {
        String log = log().substring(offset);
        Set<String> ports = log.lines().filter(line -> line.startsWith("Connection from "))
                .map(line -> line.replaceAll("^Connection from \\S+ port (\\d+) .*", "$1"))
                .collect(Collectors.toSet());
        return log.lines().filter(line -> line.startsWith("Starting session: "))
                .filter(line -> ports.contains(line.replaceAll(".* port (\\d+) id \\d+$", "$1")))
                .toList();
    }

    /** What sshd has logged so far (VERBOSE: connections, accepted keys, rejected requests). */
    @Override
    public String logText() {
        return log();
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops sshd and every session it forked. */
    @Override
    public void close() {
        Processes.stop(process);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sshd", e);
        }
    }

    @Override
    public String toString() {
        return "sshd on " + HOST + ":" + port + " (" + dir + ")";
    }
}
