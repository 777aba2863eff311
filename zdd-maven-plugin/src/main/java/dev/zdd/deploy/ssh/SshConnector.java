package dev.zdd.deploy.ssh;

import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Opens a verified, authenticated connection and picks the transport: SFTP alone when asked, else SFTP with
 * commands wherever the host turns out to run them.
 */
public final class SshConnector {
    private SshConnector() {
    }

    /** @param warn receives loud warnings (a disabled host key check) */
    public static SftpTransport connect(SshTarget target, SshSettings settings, Consumer<String> warn)
            throws IOException {
        return connect(target, settings, warn, line -> { });
    }

    /**
     * @param warn    receives loud warnings (a disabled host key check)
     * @param timings receives one line saying where the connection's time went (key exchange, login, the first
     *                channel, which waits for the server's login scripts), for users who ask why a command is slow
     */
    public static SftpTransport connect(SshTarget target, SshSettings settings, Consumer<String> warn,
                                        Consumer<String> timings) throws IOException {
        long started = System.nanoTime();
        DefaultConfig config = SshAlgorithms.config();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient ssh = new SSHClient(config);
        SilenceWatchdog watchdog = new SilenceWatchdog(settings.timeout());
        ssh.setSocketFactory(watchdog.sockets(SshAlgorithms.noDelaySockets()));
        ssh.getConnection().getKeepAlive().setKeepAliveInterval(watchdog.keepAliveSeconds());
        int timeout = (int) settings.timeout().toMillis();
        ssh.setConnectTimeout(timeout);
        ssh.setTimeout(timeout);
        // Waits inside the connection (a channel's window, a request's answer) end with the timeout too; a dead
        // connection wakes them only when they look again.
        ssh.getConnection().setTimeoutMs(timeout);
        HostKeyCheck check = null;
        if (settings.insecureSkipHostKeyCheck()) {
            warn.accept("zdd: WARNING: host key checking is DISABLED (zdd.insecureSkipHostKeyCheck): anyone between"
                    + " here and " + target.host() + " can read and change what is deployed");
            ssh.addHostKeyVerifier(new HostKeyVerifier() {
                @Override
                public boolean verify(String host, int port, PublicKey key) {
                    warn.accept("zdd: WARNING: accepting the unchecked host key " + HostKeyCheck.fingerprint(key)
                            + " of " + host + ":" + port);
                    return true;
                }

                @Override
                public List<String> findExistingAlgorithms(String host, int port) {
                    return List.of();
                }
            });
        } else {
            if (!Files.isRegularFile(settings.knownHosts())) {
                throw new IOException("no known_hosts file at " + settings.knownHosts() + "; add the host's key"
                        + " there (ssh-keyscan -p " + target.port() + " " + target.host() + ") or set zdd.knownHosts");
            }
            check = new HostKeyCheck(settings.knownHosts().toFile());
            ssh.addHostKeyVerifier(check);
        }
        // What this client encrypts with, as the key exchange settles it: a large upload warms that cipher up.
        AtomicReference<String> cipher = new AtomicReference<>();
        ssh.getTransport().addAlgorithmsVerifier(negotiated -> {
            cipher.set(negotiated.getClient2ServerCipherAlgorithm());
            return true;
        });
        try {
            ssh.connect(target.host(), target.port());
        } catch (TransportException e) {
            ssh.close();
            if (check != null && check.refusal() != null) {
                throw new IOException(target + ": " + check.refusal(), e);
            }
            throw new IOException("cannot connect to " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            ssh.close();
            throw new IOException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
        long connected = System.nanoTime();
        watchdog.start(ssh, target.toString());
        try {
            authenticate(ssh, target, settings);
            long loggedIn = System.nanoTime();
            String description = target.toString();
            SftpTransport transport = settings.sftpOnly() ? new SftpTransport(ssh, description)
                    : new ExecTransport(ssh, description, AesGcmWarmUp.forCipher(cipher.get()),
                    warn);
            long opened = System.nanoTime();
            timings.accept("zdd: " + description + ": connected in " + millis(started, opened) + " ms: TCP and key"
                    + " exchange " + millis(started, connected) + " ms (" + cipher.get() + "), login "
                    + millis(connected, loggedIn) + " ms, SFTP session " + millis(loggedIn, opened)
                    + " ms (the server's login scripts run before it answers)");
            return transport;
        } catch (IOException | RuntimeException e) {
            ssh.close();
            throw e;
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void authenticate(SSHClient ssh, SshTarget target, SshSettings settings) throws IOException {
        try {
            if (settings.privateKey() != null) {
                if (!Files.isRegularFile(settings.privateKey())) {
                    throw new IOException("the private key " + settings.privateKey() + " does not exist");
                }
                KeyProvider key = settings.passphrase() == null ? ssh.loadKeys(settings.privateKey().toString())
                        : ssh.loadKeys(settings.privateKey().toString(), settings.passphrase().toCharArray());
                try {
                    // Decrypted here, before the login, so a wrong passphrase is named as such.
                    key.getPrivate();
                } catch (IOException e) {
                    throw new IOException("cannot read the private key " + settings.privateKey()
                            + (settings.passphrase() == null ? " (is it protected by a passphrase? set zdd.passphrase"
                            + " or the server entry's passphrase)" : " with the passphrase given (wrong passphrase?)")
                            + ": " + e.getMessage(), e);
                }
                ssh.authPublickey(target.user(), key);
            } else if (settings.password() != null) {
                ssh.authPassword(target.user(), settings.password());
            } else {
                ssh.authPublickey(target.user());
            }
        } catch (UserAuthException e) {
            throw new IOException(target.user() + "@" + target.host() + " refused the login ("
                    + (settings.privateKey() != null ? "key " + settings.privateKey()
                    : settings.password() != null ? "password" : "the default keys in ~/.ssh")
                    + "): " + e.getMessage(), e);
        }
    }
}
