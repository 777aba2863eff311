package dev.zdd.deploy.ssh;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes {@code zdd.timeout} bound every wait on a connection: sshj's keep-alives ask the server for an answer every
 * third of the timeout, and this watchdog kills the connection once nothing at all has arrived for the whole
 * timeout. A path that silently drops packets (no reset ever comes) would otherwise leave a deploy waiting for a
 * channel to close, or blocked in a write, for as long as TCP keeps retrying. While an upload makes progress the
 * server keeps sending window adjustments, so a slow but living connection is never killed.
 */
final class SilenceWatchdog {
    private final Duration timeout;
    private final AtomicLong lastRead = new AtomicLong(System.nanoTime());
    private volatile boolean fired;

    SilenceWatchdog(Duration timeout) {
        this.timeout = timeout;
    }

    /** The keep-alive interval: at least one answer is due well within the timeout. */
    int keepAliveSeconds() {
        return (int) Math.max(1, timeout.toSeconds() / 3);
    }

    /** Sockets whose reads this watchdog sees, created by {@code delegate}. */
    SocketFactory sockets(SocketFactory delegate) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return watched(delegate.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return watched(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return watched(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                    throws IOException {
                return watched(delegate.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
                    throws IOException {
                return watched(delegate.createSocket(host, port, localHost, localPort));
            }
        };
    }

    private Socket watched(Socket socket) {
        return new WatchedSocket(socket);
    }

    /** Watches {@code ssh} from now until it disconnects. */
    void start(SSHClient ssh, String target) {
        lastRead.set(System.nanoTime());
        Thread thread = new Thread(() -> watch(ssh, target), "zdd-ssh-watchdog " + target);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the watchdog killed the connection (the failure then names the timeout). */
    boolean fired() {
        return fired;
    }

    private void watch(SSHClient ssh, String target) {
        long limit = timeout.toNanos();
        while (ssh.isConnected()) {
            long silent = System.nanoTime() - lastRead.get();
            if (silent > limit) {
                fired = true;
                ssh.getTransport().die(new TransportException("no answer from " + target + " for "
                        + timeout.toSeconds() + " s (zdd.timeout): the connection is dead"));
                return;
            }
            try {
                Thread.sleep(Math.max(50, Math.min(1000, (limit - silent) / 1_000_000 + 10)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A socket that notes when bytes arrive; everything else is the delegate's. */
    private final class WatchedSocket extends Socket {
        private final Socket socket;

        WatchedSocket(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void connect(SocketAddress endpoint, int connectTimeout) throws IOException {
            socket.connect(endpoint, connectTimeout);
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            socket.connect(endpoint);
        }

        @Override
        public void bind(SocketAddress bindpoint) throws IOException {
            socket.bind(bindpoint);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(socket.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    lastRead.set(System.nanoTime());
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    lastRead.set(System.nanoTime());
                    return n;
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public void setSoTimeout(int millis) throws SocketException {
            socket.setSoTimeout(millis);
        }

        @Override
        public int getSoTimeout() throws SocketException {
            return socket.getSoTimeout();
        }

        @Override
        public void setTcpNoDelay(boolean on) throws SocketException {
            socket.setTcpNoDelay(on);
        }

        @Override
        public boolean isConnected() {
            return socket.isConnected();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public InetAddress getInetAddress() {
            return socket.getInetAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return socket.getLocalAddress();
        }

        @Override
        public int getPort() {
            return socket.getPort();
        }

        @Override
        public int getLocalPort() {
            return socket.getLocalPort();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return socket.getRemoteSocketAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return socket.getLocalSocketAddress();
        }

        @Override
        public void shutdownInput() throws IOException {
            socket.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public synchronized void close() throws IOException {
            socket.close();
        }
    }
}
