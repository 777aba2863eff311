package dev.zdd.migrate.db;

import org.postgresql.Driver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections to PostgreSQL for the measured checks and the backfill. */
public final class PostgresConnector {
    private PostgresConnector() {
    }

    /**
     * Connects through the PostgreSQL driver itself rather than {@code DriverManager}: inside Maven the plugin's
     * class realm is not the one DriverManager scanned when it first loaded, so it may not find the driver.
     *
     * @param property the parameter the URL came from, named in the error
     * @param user     null to let the driver use the URL's user or the system user
     * @param password null for none (trust or peer authentication)
     */
    public static Connection connect(String jdbcUrl, String user, String password, String property)
            throws SQLException {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException(property + " is not set: give a JDBC URL such as"
                    + " jdbc:postgresql://localhost:5432/app");
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "zdd");
        Connection connection = new Driver().connect(jdbcUrl.trim(), properties);
        if (connection == null) {
            throw new IllegalArgumentException(property + ": '" + jdbcUrl + "' is not a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://localhost:5432/app");
        }
        return connection;
    }
}
