package dev.zdd.testing;

import java.io.IOException;

/** A server started on a port chosen just before: waited for, and restarted on another port if that one was taken. */
interface PortServer extends AutoCloseable {
    int BIND_ATTEMPTS = 3;

    /** Returns when the server answers on its port; throws {@link IllegalStateException} with its log if not. */
    void awaitReady();

    /** What the server logged, to tell a port race from a real failure. */
    String logText();

    @Override
    void close();

    @FunctionalInterface
    interface Launcher<S extends PortServer> {
        S launch(int port) throws IOException;
    }

    /** Launches on a free port, trying another port when someone took it between the choice and the bind. */
    static <S extends PortServer> S startOnFreePort(Launcher<S> launcher) throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            S server = launcher.launch(FreePort.find());
            try {
                server.awaitReady();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
                if (!server.logText().contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }
}
