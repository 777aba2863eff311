package dev.zdd.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app the app-deploy tests deploy: a small real HTTP server, run as its own process by zdd's start command.
 * It listens on {@code $PORT} or on the unix socket {@code $ZDD_SOCKET} (backlog 4096), answers one request per
 * connection, and behaves as {@code app.properties} in its working folder says: {@code version}, a slow start
 * ({@code startDelayMs}), a failing health ({@code health=fail}, or {@code failHealthAfterMs}), a database that is down ({@code db=down}), an
 * exit at once ({@code exitCode}). On SIGTERM it stops accepting and finishes the requests in flight.
 *
 * <p>{@code GET /} answers {@code version <v>} with an {@code X-Zdd-Release} header; {@code GET /slow?ms=N} waits
 * N ms first; {@code GET /health} answers a Spring-Boot-like JSON status.
 */
public final class DemoApp {
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        Path file = Path.of("app.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        String version = properties.getProperty("version", "unknown");
        String release = System.getenv().getOrDefault("ZDD_RELEASE", "");
        if (properties.containsKey("exitCode")) {
            System.err.println("demo app " + version + ": failing at start on purpose");
            System.exit(Integer.parseInt(properties.getProperty("exitCode")));
        }
        Thread.sleep(Long.parseLong(properties.getProperty("startDelayMs", "0")));
        boolean healthy = !"fail".equals(properties.getProperty("health"));
        boolean dbUp = !"down".equals(properties.getProperty("db"));
        long failHealthAt = System.currentTimeMillis() + Long.parseLong(properties.getProperty("failHealthAfterMs",
                String.valueOf(Long.MAX_VALUE / 2)));

        String socket = System.getenv("ZDD_SOCKET");
        ServerSocketChannel server;
        if (socket != null && !socket.isEmpty()) {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket), 4096);
        } else {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(System.getenv("PORT"))), 4096);
        }
        ExecutorService workers = Executors.newCachedThreadPool();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                workers.shutdown();
                workers.awaitTermination(20, TimeUnit.SECONDS);
                System.out.println("demo app " + version + ": stopped, " + IN_FLIGHT.get() + " request(s) cut");
            } catch (IOException | InterruptedException e) {
                System.out.println("demo app " + version + ": stop interrupted: " + e);
            }
        }));
        System.out.println("demo app " + version + " (" + release + ") listening on " + (socket != null
                ? socket : "port " + System.getenv("PORT")));
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            IN_FLIGHT.incrementAndGet();
            workers.execute(() -> {
                try (client) {
                    serve(client, version, release, healthy && System.currentTimeMillis() < failHealthAt, dbUp);
                } catch (IOException | InterruptedException e) {
                    // A client that went away.
                } finally {
                    IN_FLIGHT.decrementAndGet();
                }
            });
        }
    }

    private static void serve(SocketChannel client, String version, String release, boolean healthy, boolean dbUp)
            throws IOException, InterruptedException {
        InputStream in = Channels.newInputStream(client);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        String requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = requestLine.split(" ");
        String target = parts.length > 1 ? parts[1] : "/";
        int status = 200;
        String type = "text/plain";
        String body;
        if (target.startsWith("/health")) {
            type = "application/json";
            status = healthy ? 200 : 503;
            body = "{\"status\":\"" + (healthy ? "UP" : "DOWN") + "\",\"components\":{\"db\":{\"status\":\""
                    + (dbUp ? "UP" : "DOWN") + "\"}}}";
        } else if (target.startsWith("/missing")) {
            status = 404;
            body = "not found\n";
        } else if (target.startsWith("/slow")) {
            int at = target.indexOf("ms=");
            Thread.sleep(at < 0 ? 1000 : Long.parseLong(target.substring(at + 3)));
            body = "slow version " + version + "\n";
        } else {
            body = "version " + version + "\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String response = "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 404 ? " Not Found" : " Service Unavailable") + "\r\n"
                + "Content-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\nX-Zdd-Release: " + release
                + "\r\nConnection: close\r\n\r\n";
        var out = Channels.newOutputStream(client);
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }
}
