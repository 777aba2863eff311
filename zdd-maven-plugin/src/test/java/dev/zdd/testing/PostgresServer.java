package dev.zdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL on 127.0.0.1, its cluster under one folder, started with {@code pg_ctl} and stopped at close.
 * Migrations and backfills are tested against what PostgreSQL really locks and rewrites, not a guess.
 */
public final class PostgresServer implements PortServer {
    private static final String HOST = "127.0.0.1";
    private static final String BIN = "/usr/lib/postgresql/15/bin/";
    private static final String SUPERUSER = "postgres";
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private boolean started;

    private PostgresServer(Path dir, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Creates a cluster in {@code dir}/data (trust authentication, loopback only) and starts it on a free port.
     * initdb refuses to run as root, so as root the cluster belongs to the {@code postgres} user and both programs
     * run as that user; otherwise they run as whoever runs the tests.
     */
    public static PostgresServer start(Path dir) {
        Path initdb = Tools.require(BIN + "initdb", "postgresql");
        Tools.require(BIN + "pg_ctl", "postgresql");
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Files.createDirectories(dir.resolve("socket"));
            if (root) {
                Tools.require("/usr/sbin/runuser", "util-linux");
                // The postgres user must be able to reach the folder too, not only own it.
                openPathTo(dir);
                Exec.run(CTL_TIMEOUT, "chown", "-R", SUPERUSER + ":" + SUPERUSER, dir.toString()).ok();
            }
            Exec.run(INITDB_TIMEOUT, command(root, initdb.toString(), "-D", dir.resolve("data").toString(),
                    "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")).ok();
            return PortServer.startOnFreePort(port -> {
                PostgresServer server = new PostgresServer(dir, port, root);
                server.started = true;
                return server;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
        }
    }

    /**
     * Starts a server in a new folder under the build folder ({@code target/postgres/}), which the postgres user can
     * reach, unlike JUnit's private temporary folders under a private home.
     */
    public static PostgresServer startInBuildFolder(String name) {
        try {
            Path parent = Files.createDirectories(Path.of("target", "postgres").toAbsolutePath());
            return start(Files.createTempDirectory(parent, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for PostgreSQL under target/postgres", e);
        }
    }

    /** Lets others traverse every folder above {@code dir} (JUnit's temporary folders are 700). */
    private static void openPathTo(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                Exec.run(CTL_TIMEOUT, "chmod", "a+x", p.toString()).ok();
            }
        }
    }

    private static String[] command(boolean asPostgresUser, String... command) {
        List<String> all = new ArrayList<>();
        if (asPostgresUser) {
            all.addAll(List.of("/usr/sbin/runuser", "-u", SUPERUSER, "--"));
        }
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    /** Starts the server and waits until it accepts connections ({@code pg_ctl -w}). */
    @Override
    public void awaitReady() {
        // fsync off: a test cluster is thrown away, and the build shares its disk with everything else.
        Exec.Result result = Exec.run(CTL_TIMEOUT, command(asPostgresUser, BIN + "pg_ctl", "-w", "-t", "50",
                "-D", dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + dir.resolve("socket") + " -c listen_addresses=" + HOST
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + result + "\n"
                    + logText());
        }
    }

    /** The server's log so far: startup problems, and "Address already in use" for a port race. */
    @Override
    public String logText() {
        try {
            Path log = dir.resolve("postgres.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The superuser; trust authentication lets it in without a password. */
    public String user() {
        return SUPERUSER;
    }

    /** A new connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** Creates an empty database and returns its JDBC URL: one per test keeps tests from seeing each other's tables. */
    public String createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: open sessions are ended, not waited for). */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        started = false;
        Exec.run(CTL_TIMEOUT, command(asPostgresUser, BIN + "pg_ctl", "-w", "-D", dir.resolve("data").toString(),
                "-m", "fast", "stop"));
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + HOST + ":" + port + " (" + dir + ")";
    }
}
