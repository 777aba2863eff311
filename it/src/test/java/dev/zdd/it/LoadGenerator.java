package dev.zdd.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous GETs against one URL on 127.0.0.1 from a few threads, over raw HTTP/1.1 sockets so that the
 * connection behaviour is exact: keep-alive clients reuse one connection until it fails (as load tools and API clients do,
 * with no retry), {@code Connection: close} clients open one per request. Counts answers, non-2xx and socket
 * errors, and notes when each release (its {@code X-Zdd-Release} header) was first served.
 */
public final class LoadGenerator implements AutoCloseable {
    private final int port;
    private final String path;
    private final boolean keepAlive;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong non2xx = new AtomicLong();
    private final AtomicLong socketErrors = new AtomicLong();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

    private LoadGenerator(int port, String path, boolean keepAlive) {
        this.port = port;
        this.path = path;
        this.keepAlive = keepAlive;
    }

    /** Starts {@code clients} threads; each pauses a millisecond between requests to leave the CPUs to the rest. */
    public static LoadGenerator start(int port, String path, int clients, boolean keepAlive) {
        LoadGenerator load = new LoadGenerator(port, path, keepAlive);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(load::run, "load-" + i);
            thread.setDaemon(true);
            thread.start();
            load.threads.add(thread);
        }
        return load;
    }

    private void run() {
        Socket socket = null;
        InputStream in = null;
        while (running.get()) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    socket.setSoTimeout(10_000);
                    in = new BufferedInputStream(socket.getInputStream());
                }
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? ""
                        : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Answer answer = read(in);
                requests.incrementAndGet();
                if (answer.status / 100 != 2) {
                    non2xx.incrementAndGet();
                    sample("HTTP " + answer.status);
                }
                if (answer.release != null) {
                    firstSeen.putIfAbsent(answer.release, System.nanoTime());
                }
                if (!keepAlive || answer.close) {
                    socket.close();
                    socket = null;
                }
                Thread.sleep(1);
            } catch (IOException e) {
                if (running.get()) {
                    requests.incrementAndGet();
                    socketErrors.incrementAndGet();
                    sample(e.toString());
                }
                close(socket);
                socket = null;
            } catch (InterruptedException e) {
                break;
            }
        }
        close(socket);
    }

    private record Answer(int status, String release, boolean close) {
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            throw new IOException("connection closed before an answer" + (statusLine == null ? "" : ": " + statusLine));
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        String release = null;
        boolean close = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).strip());
            } else if (lower.startsWith("x-zdd-release:")) {
                release = header.substring(14).strip();
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length");
        }
        for (long left = length; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
        }
        return new Answer(status, release, close);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private void sample(String failure) {
        if (samples.size() < 20) {
            samples.add(failure);
        }
    }

    private static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }

    public long requests() {
        return requests.get();
    }

    public long non2xx() {
        return non2xx.get();
    }

    public long socketErrors() {
        return socketErrors.get();
    }

    /** Up to 20 of the failures, as they happened. */
    public List<String> samples() {
        return List.copyOf(samples);
    }

    /** When a release was first served ({@link System#nanoTime()}), or null. */
    public Long firstSeen(String release) {
        return firstSeen.get(release);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
