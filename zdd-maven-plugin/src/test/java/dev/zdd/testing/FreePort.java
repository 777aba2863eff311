package dev.zdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback address, for servers that need the port number in their configuration. */
public final class FreePort {
    private FreePort() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the server binds it, so
     * the server fixtures retry with a new port when the bind fails.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
