package dev.zdd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that drops a connection once the client has sent more than a given number of bytes:
 * the connection to a host failing in the middle of an upload, at a byte count the test chooses.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final long cutAfterClientBytes;
    private final AtomicLong bytesForwarded = new AtomicLong();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicLong lastCutNanos = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final boolean freeze;
    private volatile boolean frozen;

    private CuttingProxy(ServerSocket listener, String targetHost, int targetPort, long cutAfterClientBytes,
                         boolean freeze) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.cutAfterClientBytes = cutAfterClientBytes;
        this.freeze = freeze;
    }

    /**
     * Like {@link #start}, but at the limit the connection goes silent instead of closing: nothing more is
     * forwarded either way and both sockets stay open, as when a network path drops every packet (no reset ever
     * arrives; only the client's own timeouts can notice).
     */
    public static CuttingProxy startFreezing(String host, int port, long freezeAfterClientBytes) {
        return start(host, port, freezeAfterClientBytes, true);
    }

    /**
     * Forwards connections to {@code host:port}. Each connection may carry at most {@code cutAfterClientBytes}
     * bytes from client to server; when the client sends more, the server gets exactly that many and both sockets
     * are closed. {@link Long#MAX_VALUE} never cuts.
     */
    public static CuttingProxy start(String host, int port, long cutAfterClientBytes) {
        return start(host, port, cutAfterClientBytes, false);
    }

    private static CuttingProxy start(String host, int port, long cutAfterClientBytes, boolean freeze) {
        if (cutAfterClientBytes < 0) {
            throw new IllegalArgumentException("cutAfterClientBytes must be >= 0: " + cutAfterClientBytes);
        }
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CuttingProxy proxy = new CuttingProxy(listener, host, port, cutAfterClientBytes, freeze);
            daemon("cutting-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Socket server;
                try {
                    server = new Socket(targetHost, targetPort);
                    open.add(server);
                } catch (IOException e) {
                    // Target down: the client sees its connection closed, as with a refused connection.
                    closeSocket(client);
                    continue;
                }
                if (listener.isClosed()) {
                    // close() ran while this connection was being set up and did not see its sockets.
                    closeSocket(client);
                    closeSocket(server);
                    return;
                }
                Connection connection = new Connection(client, server);
                daemon("cutting-proxy-upload-" + client.getPort(), connection::upload);
                daemon("cutting-proxy-download-" + client.getPort(), connection::download);
            } catch (IOException e) {
                // The listener was closed by close(); the loop ends.
            }
        }
    }

    /** One proxied connection: a pump each way, and the cut. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private long sent; // only the upload thread touches it

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void upload() {
            byte[] buffer = new byte[16 * 1024];
            try {
                // Not try-with-resources: closing a socket's stream closes the socket, both directions.
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream();
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    long allowed = cutAfterClientBytes - sent;
                    if (n > allowed) {
                        out.write(buffer, 0, (int) allowed);
                        sent += allowed;
                        bytesForwarded.addAndGet(allowed);
                        if (freeze) {
                            lastCutNanos.set(System.nanoTime());
                            cuts.incrementAndGet();
                            frozen = true;
                            // Silent from now on: read nothing more, forward nothing, close nothing.
                            waitForClose();
                        } else {
                            cut();
                        }
                        return;
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                    bytesForwarded.addAndGet(n);
                }
                // The client finished sending: pass the half-close on, the answer may still be coming.
                server.shutdownOutput();
            } catch (IOException e) {
                closeBoth();
            }
        }

        void download() {
            try {
                InputStream in = server.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    if (frozen) {
                        waitForClose();
                        return;
                    }
                    out.write(buffer, 0, n);
                }
                client.shutdownOutput();
            } catch (IOException e) {
                // Cut, reset or closed: nothing more to pass on.
            }
            // The server has finished answering; the connection is over.
            closeBoth();
        }

        /** Holds this pump until the client gives up and the proxy is closed. */
        private void waitForClose() {
            while (!client.isClosed() && !listener.isClosed()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void cut() {
            // Counted before closing, so a client that sees the connection drop also sees the cut counted.
            lastCutNanos.set(System.nanoTime());
            cuts.incrementAndGet();
            try {
                // Linger 0 resets the connection instead of closing it politely: the client gets an error, as when
                // a network path dies, rather than a clean end of stream it might take for a complete answer.
                client.setSoLinger(true, 0);
                server.setSoLinger(true, 0);
            } catch (SocketException ignored) {
                // Already closed: nothing left to cut.
            }
            closeBoth();
        }

        private void closeBoth() {
            closeSocket(client);
            closeSocket(server);
        }
    }

    /** The port clients connect to instead of the target's. */
    /** Cuts every connection open now, as a network path that dies; new connections still go through. */
    public void cutAll() {
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);
            } catch (SocketException ignored) {
                // Already closed.
            }
            closeSocket(socket);
        }
        cuts.incrementAndGet();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes forwarded from clients to the target, over all connections (the upload direction, which is cut). */
    public long bytesForwarded() {
        return bytesForwarded.get();
    }

    /** {@link System#nanoTime()} when the last connection was cut or went silent. */
    public long lastCutNanos() {
        return lastCutNanos.get();
    }

    /** How many connections were cut. */
    public int cuts() {
        return cuts.get();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        close(listener);
        open.forEach(CuttingProxy::close);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing what may already be closed.
        }
    }

    private void closeSocket(Socket socket) {
        close(socket);
        open.remove(socket);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
