package dev.zdd.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL fixture is a real server 15 on loopback, with databases of its own per test. */
class PostgresServerTest {
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.startInBuildFolder("fixture-test");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void answersQueriesAsPostgres15OnLoopback() throws SQLException {
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                     + " inet_server_addr()::text, inet_server_port()")) {
            assertTrue(r.next());
            assertEquals(15, r.getInt(1));
            assertEquals("127.0.0.1/32", r.getString(2));
            assertEquals(postgres.port(), r.getInt(3));
        }
    }

    @Test
    void createdDatabasesAreSeparate() throws SQLException {
        String url = postgres.createDatabase("separate_a");
        assertTrue(url.endsWith(":" + postgres.port() + "/separate_a"), url);
        postgres.createDatabase("separate_b");
        try (Connection a = postgres.connect("separate_a"); Statement s = a.createStatement()) {
            s.execute("CREATE TABLE only_in_a (id int)");
        }
        try (Connection b = postgres.connect("separate_b"); Statement s = b.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM only_in_a"));
            assertEquals("42P01", e.getSQLState());
        }
    }

    @Test
    void closeStopsTheServer() throws SQLException {
        PostgresServer other = PostgresServer.startInBuildFolder("fixture-close");
        try (Connection c = other.connect("postgres")) {
            assertTrue(c.isValid(2));
        } finally {
            other.close();
        }
        assertThrows(SQLException.class, () -> other.connect("postgres"));
    }
}
