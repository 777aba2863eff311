package dev.zdd.deploy.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;

/**
 * A target that runs commands and reaches its own loopback ports and unix sockets: what an app deploy needs to
 * start, probe and stop processes there. A local folder's host is this machine; an SSH target's is the server.
 */
public interface Host {

    /**
     * Runs a POSIX {@code sh} script on the host, with no input, and returns its standard output.
     *
     * @throws CommandFailedException when it exits with a status other than 0
     */
    String run(String script) throws IOException;

    /**
     * Opens a stream connection to {@code endpoint} as seen from the host itself (127.0.0.1 or a socket path).
     *
     * @throws java.net.ConnectException when nothing accepts connections there
     */
    Connection connect(Endpoint endpoint) throws IOException;

    /** For messages. */
    String describe();

    /** A two-way byte stream. */
    interface Connection extends AutoCloseable {
        InputStream input() throws IOException;

        OutputStream output() throws IOException;

        @Override
        void close() throws IOException;
    }
}
