package dev.zdd.deploy.app;

import java.util.Arrays;
import dev.zdd.deploy.transport.Endpoint;
import dev.zdd.deploy.transport.Host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP GET straight to a slot, as seen from its host: over a TCP port or a unix socket, locally or through
 * the SSH connection. HTTP/1.0 with one request per connection, which every server answers without chunking and
 * then closes; a request that takes longer than its timeout is cut.
 */
public final class HttpProbe implements AutoCloseable {
    /** The most of a body kept: enough for any health document, bounded for a misbehaving one. */
    private static final int MAX_BODY = 256 * 1024;

    private final Host host;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "zdd-http-probe-timeout");
        thread.setDaemon(true);
        return thread;
    });

    public HttpProbe(Host host) {
        this.host = host;
    }

    /** An answer: its status, headers (names in lower case) and body as text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** For messages: the status and the start of the body. */
        public String summary() {
            String text = body.strip().replaceAll("\\s+", " ");
            return "HTTP " + status + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200)
                    + "..." : text));
        }
    }

    /** GETs {@code path} from {@code endpoint}; {@code hostHeader} null means the endpoint's own address. */
    public Response get(Endpoint endpoint, String path, String hostHeader, Duration timeout) throws IOException {
        try (Host.Connection connection = host.connect(endpoint)) {
            ScheduledFuture<?> cut = timer.schedule(() -> {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // Closing is all the timeout can do; the read fails with it.
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                String request = "GET " + path + " HTTP/1.0\r\nHost: " + (hostHeader != null ? hostHeader
                        : endpoint.isSocket() ? "localhost" : "127.0.0.1:" + endpoint.port())
                        + "\r\nUser-Agent: zdd\r\nAccept: */*\r\nConnection: close\r\n\r\n";
                OutputStream out = connection.output();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return parse(connection.input());
            } catch (IOException e) {
                if (cut.isDone()) {
                    throw new IOException("no answer from " + endpoint + " within " + timeout.toMillis() + " ms", e);
                }
                throw e;
            } finally {
                cut.cancel(false);
            }
        }
    }

    static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0 && all.size() <= MAX_BODY + 65536; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        byte[] bytes = all.toByteArray();
        int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd < 0) {
            throw new IOException("not an HTTP answer" + (bytes.length == 0 ? " (the connection closed at once)"
                    : ": " + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1)));
        }
        String[] head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP status line: " + head[0]);
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).strip());
            }
        }
        byte[] body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        int length = Math.min(body.length, MAX_BODY);
        return new Response(Integer.parseInt(statusLine[1]), headers, new String(body, 0, length,
                StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            at += lineEnd + 2;
            if (size == 0 || at + size > chunked.length) {
                break;
            }
            out.write(chunked, at, size);
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= bytes.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
