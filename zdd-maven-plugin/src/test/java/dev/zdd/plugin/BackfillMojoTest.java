package dev.zdd.plugin;

import dev.zdd.testing.PostgresServer;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zdd:backfill} configured by the plugin-testing harness, against a real PostgreSQL. */
@MojoTest
class BackfillMojoTest {
    private static PostgresServer postgres;
    private String database;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.startInBuildFolder("backfill-mojo");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void users(TestInfo test) throws Exception {
        database = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        postgres.createDatabase(database);
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text, email_lower text);"
                    + " INSERT INTO users SELECT g, 'U' || g || '@X.ORG', NULL FROM generate_series(1, 2500) g");
        }
    }

    private void configure(BackfillMojo mojo) {
        mojo.jdbcUrl = postgres.jdbcUrl(database);
        mojo.databaseServerId = "app-db";
        Server server = new Server();
        server.setId("app-db");
        server.setUsername(postgres.user());
        server.setPassword("unused-with-trust");
        mojo.settings = new Settings();
        mojo.settings.addServer(server);
        mojo.table = "users";
        mojo.set = "email_lower = lower(email)";
        mojo.where = "email_lower IS NULL";
    }

    private long left() throws Exception {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM users WHERE email_lower IS NULL")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    @InjectMojo(goal = "backfill")
    void fillsTheTableWithTheDefaultsAndSaysSoThenFindsNothingLeft(BackfillMojo mojo) throws Exception {
        configure(mojo);
        mojo.pause = "0ms";
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertEquals(1000, mojo.batchSize, "the default batch size");
        assertEquals(0, left());
        assertEquals("zdd: backfilling 2,500 row(s) of public.users, 1000 per batch, pause 0ms",
                log.at("INFO").get(0));
        String summary = log.at("INFO").get(log.at("INFO").size() - 1);
        assertTrue(summary.startsWith("zdd: backfilled 2,500 row(s) of public.users in 3 batch(es), "), summary);
        assertTrue(summary.endsWith(" rows/s, 0 lock-timeout retries"), summary);

        RecordingLog again = new RecordingLog();
        mojo.setLog(again);
        mojo.execute();
        assertEquals(List.of("zdd: nothing to fill in public.users: no row matches zdd.where (done already)"),
                again.at("INFO"));
    }

    @Test
    @InjectMojo(goal = "backfill")
    void aDryRunCountsAndChangesNothing(BackfillMojo mojo) throws Exception {
        configure(mojo);
        mojo.dryRun = true;
        mojo.batchSize = 1000;
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of("zdd: dry run: 2,500 row(s) of public.users match, 3 batch(es); nothing changed"),
                log.at("INFO"));
        assertEquals(2500, left());
    }

    @Test
    @InjectMojo(goal = "backfill")
    void aMissingTableParameterIsNamed(BackfillMojo mojo) throws Exception {
        configure(mojo);
        mojo.table = null;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("zdd:backfill: zdd.table is required: the table to fill, such as users", e.getMessage());
        assertEquals(2500, left());
    }

    @Test
    @InjectMojo(goal = "backfill")
    void aMissingJdbcUrlIsNamed(BackfillMojo mojo) throws Exception {
        configure(mojo);
        mojo.jdbcUrl = null;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("zdd:backfill: zdd.jdbcUrl is not set"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "backfill")
    void anUnknownTableAndABadSetFailTheBuildWithNothingChanged(BackfillMojo mojo) throws Exception {
        configure(mojo);
        mojo.table = "userz";
        MojoFailureException table = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(table.getMessage().startsWith("zdd:backfill: zdd.table: no table 'userz'"), table.getMessage());

        mojo.table = "users";
        mojo.set = "email_lower = lower(emial)";
        MojoFailureException set = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(set.getMessage().contains("column \"emial\" does not exist"), set.getMessage());
        assertEquals(2500, left());
    }

    @Test
    @InjectMojo(goal = "backfill")
    void anUnknownServerIdAndABadPauseAreNamed(BackfillMojo mojo) {
        configure(mojo);
        mojo.databaseServerId = "nowhere";
        MojoFailureException server = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("zdd: no <server> with id 'nowhere' in settings.xml (zdd.databaseServerId)",
                server.getMessage());

        mojo.databaseServerId = "app-db";
        mojo.pause = "soon";
        MojoFailureException pause = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("zdd:backfill: zdd.pause: 'soon' is not a duration like 50ms, 2s or 1m", pause.getMessage());
    }
}
