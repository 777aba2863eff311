package dev.zdd.testing;

import dev.zdd.deploy.NginxConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real nginx on 127.0.0.1 serving a deploy root with the configuration our README documents, so tests see what
 * visitors see while a release is swapped.
 */
public final class NginxServer implements PortServer {
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Process process;
    private final int port;

    private NginxServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts nginx with its configuration, logs and temporary files under {@code dir}, serving {@code documentRoot}. */
    public static NginxServer start(Path dir, Path documentRoot) {
        return start(dir, port -> config(dir, documentRoot, port));
    }

    /**
     * nginx in front of an app whose live slot is named by {@code includeFile} (zdd's nginx switch), as the README
     * shows; the include must exist (a placeholder before the first deploy).
     */
    public static NginxServer startProxyToUpstream(Path dir, Path includeFile) {
        return start(dir, port -> head(dir) + NginxConfig.appUpstream(includeFile.toString(), HOST + ":" + port,
                "localhost") + "}\n");
    }

    /** nginx in front of an app reached through a unix-socket symlink (zdd's socket switch), as the README shows. */
    public static NginxServer startProxyToSocket(Path dir, Path liveSocket) {
        return start(dir, port -> head(dir) + NginxConfig.appSocket(liveSocket.toString(), HOST + ":" + port,
                "localhost") + "}\n");
    }

    /** The command that checks this nginx's configuration, as zdd.nginxTest. */
    public String testCommand() {
        return "/usr/sbin/nginx -q -t -p " + dir + " -e " + dir.resolve("error.log") + " -c " + dir.resolve("nginx.conf");
    }

    /** The command that reloads this nginx, as zdd.nginxReload. */
    public String reloadCommand() {
        return "/usr/sbin/nginx -s reload -p " + dir + " -e " + dir.resolve("error.log") + " -c "
                + dir.resolve("nginx.conf");
    }

    public Path configFile() {
        return dir.resolve("nginx.conf");
    }

    private static NginxServer start(Path dir, java.util.function.IntFunction<String> configFor) {
        Path nginx = Tools.require("/usr/sbin/nginx", "nginx-light");
        try {
            Files.createDirectories(dir);
            return PortServer.startOnFreePort(port -> {
                Path config = dir.resolve("nginx.conf");
                Files.writeString(config, configFor.apply(port));
                Files.deleteIfExists(dir.resolve("error.log"));
                Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toString(),
                        "-e", dir.resolve("error.log").toString(), "-c", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("nginx.out").toFile())
                        .start();
                return new NginxServer(dir, process, port);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx in " + dir, e);
        }
    }

    /**
     * The start of every configuration: every path nginx writes is under dir (the packaged defaults point at
     * /var/lib/nginx and /run), and the worker, which would run as nobody and could not read a docroot under /root,
     * runs as root when we are root. Ends inside the http block.
     */
    private static String head(Path dir) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;

                events {
                    worker_connections 4096;
                }

                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body_temp;
                    proxy_temp_path %1$s/proxy_temp;
                    fastcgi_temp_path %1$s/fastcgi_temp;
                    uwsgi_temp_path %1$s/uwsgi_temp;
                    scgi_temp_path %1$s/scgi_temp;
                """.formatted(dir);
    }

    /**
     * nginx serving {@code documentRoot} without any Cache-Control header, as a hand-written config that forgot
     * them would.
     */
    public static NginxServer startWithoutCacheHeaders(Path dir, Path documentRoot) {
        return start(dir, port -> config(dir, documentRoot, port).replaceAll("(?m)^\\s*add_header Cache-Control.*\n",
                ""));
    }

    /** The site's server block is the one zdd:nginx-config writes and the README shows. */
    private static String config(Path dir, Path documentRoot, int port) {
        return head(dir) + """
                    types {
                        text/html html;
                        text/css css;
                        text/javascript js;
                        application/json json map;
                        image/svg+xml svg;
                        image/png png;
                        font/woff2 woff2;
                    }
                    default_type application/octet-stream;

                """ + NginxConfig.site(documentRoot.toString(), HOST + ":" + port, "localhost") + "}\n";
    }

    /** Waits until nginx answers an HTTP request (any status), or fails with its error log. */
    @Override
    public void awaitReady() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/.zdd/ready")))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + errorLog());
            }
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                // Our config answers 404 under /.zdd/; anything else is another server on the port.
                if (response.statusCode() == 404) {
                    return;
                }
                lastError = new IllegalStateException("HTTP " + response.statusCode());
            } catch (IOException e) {
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for nginx", e);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for nginx", e);
            }
        }
        throw new IllegalStateException("nginx did not answer on port " + port + " within " + START_TIMEOUT + " ("
                + lastError + "):\n" + errorLog());
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><path>}; {@code path} starts with a slash. */
    public String url(String path) {
        return "http://" + HOST + ":" + port + (path.startsWith("/") ? path : "/" + path);
    }

    /** What nginx has logged so far (startup problems, files it could not open). */
    @Override
    public String logText() {
        return errorLog();
    }

    public String errorLog() {
        try {
            String out = Files.readString(dir.resolve("nginx.out"));
            String log = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
            return out + log;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops nginx (SIGTERM: fast shutdown) and its worker. */
    @Override
    public void close() {
        Processes.stop(process);
    }

    @Override
    public String toString() {
        return "nginx on " + HOST + ":" + port + " (" + dir + ")";
    }
}
