package dev.zdd.plugin;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A chat webhook stand-in: a real HTTP server on 127.0.0.1 that keeps every body posted to it. */
final class WebhookRecorder implements AutoCloseable {
    private final HttpServer server;
    private final List<String> posted = Collections.synchronizedList(new ArrayList<>());

    WebhookRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<String> posted() {
        return List.copyOf(posted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
