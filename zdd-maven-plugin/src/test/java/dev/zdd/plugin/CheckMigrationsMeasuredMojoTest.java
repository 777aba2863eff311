package dev.zdd.plugin;

import dev.zdd.testing.PostgresServer;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zdd:check-migrations} in measured mode, against a real PostgreSQL, logging in through settings.xml. */
@MojoTest
class CheckMigrationsMeasuredMojoTest {
    private static PostgresServer postgres;
    private static String scratch;

    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.startInBuildFolder("measured-mojo");
        scratch = postgres.createDatabase("scratch");
        try (Connection c = postgres.connect("scratch"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id int PRIMARY KEY, n int); INSERT INTO users SELECT g, g FROM"
                    + " generate_series(1, 100) g");
        }
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void migrations() {
        TestProject.in(temp, project);
        // Clean for the static rules (lock_timeout set, a type change suppressed), but PostgreSQL rewrites the table.
        TestProject.write(temp.resolve(CheckMigrationsMojoTest.FOLDER).resolve("V2__n.sql"), """
                SET lock_timeout = '2s';
                -- zdd:ignore changing-column-type the static rule is not the point here
                ALTER TABLE users ALTER COLUMN n TYPE bigint;
                """.getBytes(StandardCharsets.UTF_8));
    }

    private static Settings settingsWith(String id, String user, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(user);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    @InjectMojo(goal = "check-migrations")
    void aRewriteMeasuredOnTheScratchDatabaseFailsTheBuild(CheckMigrationsMojo mojo) {
        mojo.migrationDatabase = scratch;
        mojo.migrationServerId = "scratch-db";
        mojo.settings = settingsWith("scratch-db", postgres.user(), "not-needed-with-trust");
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(CheckMigrationsMojoTest.FOLDER + "/V2__n.sql:3:1: measured-table-rewrite:"
                + " PostgreSQL rewrote public.users (100 rows)"), e.getMessage());
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("measured 1 migration(s) on " + scratch)),
                log.lines.toString());
        assertTrue(TestProject.read(temp.resolve("target/zdd/migrations.json")).contains("measured-table-rewrite"));
    }

    @Test
    @InjectMojo(goal = "check-migrations")
    void anUnknownServerIdIsNamed(CheckMigrationsMojo mojo) {
        mojo.migrationDatabase = scratch;
        mojo.migrationServerId = "nowhere";
        mojo.settings = new Settings();

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("zdd: no <server> with id 'nowhere' in settings.xml (zdd.migrationServerId)", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check-migrations")
    void aUrlThatIsNotPostgresIsRefused(CheckMigrationsMojo mojo) {
        mojo.migrationDatabase = "jdbc:mysql://localhost/scratch";

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("zdd.migrationDatabase: 'jdbc:mysql://localhost/scratch' is not a"
                + " PostgreSQL JDBC URL"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check-migrations")
    void aDatabaseThatIsNotThereIsNamed(CheckMigrationsMojo mojo) {
        mojo.migrationDatabase = postgres.jdbcUrl("missing");
        mojo.settings = settingsWith("scratch-db", postgres.user(), null);
        mojo.migrationServerId = "scratch-db";

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("zdd:check-migrations: cannot connect to the scratch database "
                + postgres.jdbcUrl("missing") + " (zdd.migrationDatabase): "), e.getMessage());
        assertTrue(e.getMessage().contains("database \"missing\" does not exist"), e.getMessage());
    }
}
