package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.Endpoint;
import dev.zdd.deploy.transport.Host;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.AbstractDirectChannel;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

import java.io.IOException;
import java.net.ConnectException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The server behind an SSH target as a host: scripts run by {@code sh} over an exec channel, and its loopback ports
 * and unix sockets reached through the connection itself (what {@code ssh -L} does), so a slot can be probed
 * before any proxy sends it traffic and without opening a port to the outside.
 */
final class SshHost implements Host {
    private final SSHClient ssh;
    private final ExecTransport exec;
    /** Started at the first command, shared by the rest. */
    private ShellSession shell;

    SshHost(SSHClient ssh, ExecTransport exec) {
        this.ssh = ssh;
        this.exec = exec;
    }

    @Override
    public String run(String script) throws IOException {
        ShellSession current;
        synchronized (this) {
            if (shell == null) {
                shell = ShellSession.start(ssh, exec.describe());
            }
            current = shell;
        }
        return current.run(script);
    }

    /**
     * The first line {@code script} prints in this shell, asked through it, so that the question whether the server
     * runs commands costs no shell start of its own: what the session printed when it ends before the script's
     * answer (OpenSSH ends a command to an SFTP-only account after a line), null when nothing came within
     * {@code waitMillis}; the silent session is then closed and a later {@link #run} starts another.
     */
    String firstLineOf(String script, long waitMillis) throws IOException {
        CompletableFuture<String> answer = ShellQuestion.onOwnThread("zdd-shell-question", () -> {
            try {
                return run(script).split("\n", 2)[0];
            } catch (ShellSession.EndedException e) {
                if (!ssh.isConnected()) {
                    throw e;
                }
                return e.output().split("\n", 2)[0];
            }
        });
        try {
            return ShellQuestion.await(answer, waitMillis, describe());
        } catch (TimeoutException e) {
            closeSilentShell();
            return null;
        }
    }

    private void closeSilentShell() throws IOException {
        ShellSession silent;
        synchronized (this) {
            silent = shell;
            shell = null;
        }
        if (silent != null) {
            silent.close();
        }
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        AbstractDirectChannel channel = endpoint.isSocket()
                ? new StreamLocalChannel(ssh, endpoint.socket())
                : new DirectConnection(ssh.getConnection(), "127.0.0.1", endpoint.port());
        try {
            channel.open();
        } catch (OpenFailException e) {
            // The server could not connect on our behalf: nothing listens there (or forwarding is off).
            ConnectException refused = new ConnectException(endpoint + " on " + exec.describe()
                    + ": " + e.getMessage());
            refused.initCause(e);
            throw refused;
        } catch (ConnectionException e) {
            throw new IOException("cannot reach " + endpoint + " on " + exec.describe() + ": " + e.getMessage(), e);
        }
        return new Connection() {
            @Override
            public InputStream input() {
                return channel.getInputStream();
            }

            @Override
            public OutputStream output() {
                return channel.getOutputStream();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public String describe() {
        return exec.describe();
    }

    /** OpenSSH's {@code direct-streamlocal@openssh.com}: a connection to a unix socket on the server. */
    private static final class StreamLocalChannel extends AbstractDirectChannel {
        private final String path;

        StreamLocalChannel(SSHClient ssh, String path) {
            super(ssh.getConnection(), "direct-streamlocal@openssh.com");
            this.path = path;
        }

        @Override
        protected SSHPacket buildOpenReq() {
            SSHPacket request = super.buildOpenReq();
            request.putString(path);
            request.putString("");
            request.putUInt32(0);
            return request;
        }
    }
}
