package dev.zdd.deploy.transport;

import java.io.File;
import java.net.ConnectException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** This machine as a host: scripts run by {@code sh}, endpoints reached directly. */
public final class LocalHost implements Host {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    @Override
    public String run(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null"))).start();
        // Both streams are read at once, so a command that fills one pipe cannot block on it.
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        try {
            int status = process.waitFor();
            if (status != 0) {
                String error = err.join();
                throw new CommandFailedException("command failed on this machine (exit " + status + ")"
                        + (error.isBlank() ? "" : ": " + error.strip()), status, error);
            }
            return out;
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a command ran");
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        if (endpoint.isSocket()) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(endpoint.socket()));
            } catch (IOException e) {
                channel.close();
                ConnectException refused = new ConnectException(endpoint + ": " + e.getMessage());
                refused.initCause(e);
                throw refused;
            }
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = Channels.newOutputStream(channel);
            return new Connection() {
                @Override
                public InputStream input() {
                    return in;
                }

                @Override
                public OutputStream output() {
                    return out;
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()),
                    CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Connection() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    @Override
    public String describe() {
        return "this machine";
    }
}
