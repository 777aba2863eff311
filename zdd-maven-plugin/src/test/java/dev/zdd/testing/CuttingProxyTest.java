package dev.zdd.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy passes traffic untouched, and drops a connection at the byte count it was given. */
class CuttingProxyTest {
    private ServerSocket echo;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!echo.isClosed()) {
                try (Socket socket = echo.accept()) {
                    socket.getInputStream().transferTo(socket.getOutputStream());
                } catch (IOException e) {
                    // Cut by the proxy, or the server was closed.
                }
            }
        }, "echo");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stopEchoServer() throws IOException {
        echo.close();
    }

    @Test
    void forwardsEverythingWhenNeverCut() throws Exception {
        try (CuttingProxy proxy = CuttingProxy.start("127.0.0.1", echo.getLocalPort(), Long.MAX_VALUE)) {
            byte[] data = data(300_000);
            assertArrayEquals(data, exchange(proxy, data));
            assertEquals(0, proxy.cuts());
            assertEquals(data.length, proxy.bytesForwarded());
        }
    }

    @Test
    void cutsTheConnectionAfterTheGivenBytes() throws Exception {
        try (CuttingProxy proxy = CuttingProxy.start("127.0.0.1", echo.getLocalPort(), 1000)) {
            byte[] received = exchange(proxy, data(300_000));
            assertTrue(received.length <= 1000, "received " + received.length + " bytes past the cut");
            assertEquals(1, proxy.cuts());
            assertEquals(1000, proxy.bytesForwarded());

            // Only that connection was cut: a small one on the same proxy goes through.
            byte[] small = data(500);
            assertArrayEquals(small, exchange(proxy, small));
            assertEquals(1, proxy.cuts());
        }
    }

    /**
     * Sends {@code data} through the proxy while reading the echo, and returns what came back before the end of the
     * stream or an error (a cut connection gives one or the other).
     */
    private static byte[] exchange(CuttingProxy proxy, byte[] data) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5000);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(data);
                    socket.shutdownOutput();
                } catch (IOException cut) {
                    // The reader below sees the cut too.
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException cut) {
                // Reset by the proxy.
            }
            socket.close();
            sending.get(5, TimeUnit.SECONDS);
            return received.toByteArray();
        }
    }

    private static byte[] data(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + i / 251);
        }
        return data;
    }
}
