package dev.zdd.deploy;

/**
 * The nginx {@code server} block that serves what zdd deploys, written in one place: {@code zdd:nginx-config}
 * prints it, the README shows it, and the tests' nginx runs it.
 */
public final class NginxConfig {
    /** The location that matches hashed names, {@code name.<8 to 64 hex>.ext}. */
    public static final String HASHED_NAME = "\"\\.[0-9a-f]{8,64}\\.[a-z0-9]+$\"";

    private NginxConfig() {
    }

    /**
     * A static site served from {@code current}: hashed assets cached for good, pages revalidated, zdd's own files
     * hidden.
     *
     * @param currentLink the deploy root's {@code current} link, such as {@code /srv/www/current}
     * @param listen      what follows {@code listen}: {@code 80}, {@code 443 ssl}, {@code 127.0.0.1:8080}
     * @param serverName  what follows {@code server_name}
     */
    public static String site(String currentLink, String listen, String serverName) {
        return """
                server {
                    listen %s;
                    server_name %s;
                %s
                    # The live release; zdd swaps this link atomically and nginx follows it on the next request.
                    # Keep open_file_cache off for this root: it would serve the old release for a while.
                    root %s;
                    index index.html;

                    # zdd's own files (manifest, release info) are not for the public.
                    location ^~ /.zdd/ { return 404; }

                    # Hashed assets never change content: cached for a year, never revalidated.
                    location ~* %s {
                        add_header Cache-Control "public, max-age=31536000, immutable";
                        try_files $uri =404;
                    }

                    # Pages and everything else keep their names: always revalidated.
                    location / {
                        add_header Cache-Control "no-cache";
                        try_files $uri $uri/ =404;
                    }
                }
                """.formatted(listen, serverName, tls(listen), quoted(currentLink), HASHED_NAME);
    }

    /**
     * An app behind zdd's nginx switch: the upstream's one server line is the include zdd rewrites.
     *
     * @param upstreamFile the include zdd owns, such as {@code /srv/app/upstream.conf}
     */
    public static String appUpstream(String upstreamFile, String listen, String serverName) {
        return """
                upstream zdd_app {
                    # The live slot, written by zdd ("server 127.0.0.1:<port>;"); checked with nginx -t before
                    # each reload. Before the first deploy, create it by hand so that nginx starts.
                    include %s;
                }

                server {
                    listen %s;
                    server_name %s;
                %s
                    location ^~ /.zdd/ { return 404; }

                    location / {
                        proxy_pass http://zdd_app;
                %s    }
                }
                """.formatted(quoted(upstreamFile), listen, serverName, tls(listen), proxyHeaders());
    }

    /**
     * An app behind zdd's socket switch: nginx connects to the {@code live.sock} link at each new upstream
     * connection, so a rename switches slots without a reload. No upstream keepalive: a kept connection would stay
     * with the old slot.
     *
     * @param liveSocket the link, such as {@code /srv/app/live.sock}
     */
    public static String appSocket(String liveSocket, String listen, String serverName) {
        return """
                server {
                    listen %s;
                    server_name %s;
                %s
                    location ^~ /.zdd/ { return 404; }

                    location / {
                        # Resolved at each new upstream connection; zdd renames a new link over it to switch.
                        proxy_pass %s;
                %s    }
                }
                """.formatted(listen, serverName, tls(listen), quoted("http://unix:" + liveSocket + ":"),
                proxyHeaders());
    }

    private static String proxyHeaders() {
        return """
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                """;
    }

    private static String tls(String listen) {
        return listen.matches("(?s).*\\bssl\\b.*")
                ? "    ssl_certificate     /etc/ssl/certs/example.pem;      # yours\n"
                + "    ssl_certificate_key /etc/ssl/private/example.key;    # yours\n"
                : "";
    }

    /** A path as nginx reads it: quoted when it holds what would end or split the directive. */
    private static String quoted(String path) {
        if (path.matches("[A-Za-z0-9/._@+:-]+")) {
            return path;
        }
        if (path.contains("$")) {
            throw new IllegalArgumentException("nginx reads '$' in " + path + " as a variable; choose a path"
                    + " without '$'");
        }
        return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
