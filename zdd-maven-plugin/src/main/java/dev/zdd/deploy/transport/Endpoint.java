package dev.zdd.deploy.transport;

import java.nio.charset.StandardCharsets;

/**
 * Where a process on the host listens: a TCP port on its loopback, or a unix socket path.
 *
 * @param port   the port, or 0 for a socket
 * @param socket the socket's absolute path, or null for a port
 */
public record Endpoint(int port, String socket) {
    /** The longest path a unix socket address holds (sun_path is 108 bytes on Linux, with its terminating NUL). */
    public static final int MAX_SOCKET_PATH = 107;

    public Endpoint {
        if ((socket == null) == (port == 0)) {
            throw new IllegalArgumentException("an endpoint is a port or a socket path, not both or neither");
        }
        if (socket == null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        if (socket != null && socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("the unix socket path " + socket + " is longer than "
                    + MAX_SOCKET_PATH + " bytes, the most a socket address holds; use a shorter deploy root");
        }
    }

    public static Endpoint port(int port) {
        return new Endpoint(port, null);
    }

    public static Endpoint socket(String path) {
        return new Endpoint(0, path);
    }

    public boolean isSocket() {
        return socket != null;
    }

    @Override
    public String toString() {
        return socket != null ? "unix:" + socket : "127.0.0.1:" + port;
    }
}
