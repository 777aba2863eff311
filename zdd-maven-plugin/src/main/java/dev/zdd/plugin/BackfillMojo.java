package dev.zdd.plugin;

import dev.zdd.migrate.backfill.Backfill;
import dev.zdd.migrate.backfill.BackfillException;
import dev.zdd.migrate.backfill.BackfillListener;
import dev.zdd.migrate.backfill.BackfillOptions;
import dev.zdd.migrate.backfill.BackfillSummary;
import dev.zdd.migrate.db.PostgresConnector;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * Fills a new column of a live table in small batches along its primary key, one short transaction each, pausing
 * between them so writers keep going. Resumable: {@code zdd.where} says which rows are left, so running it again
 * after a crash continues, and after the end does nothing.
 */
@Mojo(name = "backfill", requiresProject = false, threadSafe = true)
public class BackfillMojo extends AbstractZddMojo {
    public static final String JDBC_URL = "zdd.jdbcUrl";
    public static final String DATABASE_SERVER_ID = "zdd.databaseServerId";
    /** Progress lines at most this often; every batch is logged at debug level. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** The database: {@code jdbc:postgresql://host:5432/app}. */
    @Parameter(property = JDBC_URL)
    String jdbcUrl;

    /** A settings.xml server entry (its id) with the database username and password (decrypted). */
    @Parameter(property = DATABASE_SERVER_ID)
    String databaseServerId;

    /** The table to fill, as SQL names it: {@code users}, {@code app.users}, {@code "Users"}. */
    @Parameter(property = "zdd.table")
    String table;

    /** The SET list, SQL as written after SET: {@code email_lower = lower(email)}. */
    @Parameter(property = "zdd.set")
    String set;

    /** The rows that still need it, SQL as written after WHERE: {@code email_lower IS NULL}. */
    @Parameter(property = "zdd.where")
    String where;

    /** Rows per batch; each batch is one transaction. */
    @Parameter(property = "zdd.batchSize", defaultValue = "1000")
    int batchSize;

    /** The wait between batches: {@code auto} (as long as the last batch took) or a duration such as {@code 50ms}. */
    @Parameter(property = "zdd.pause", defaultValue = "auto")
    String pause;

    /** How long a batch may wait for a lock before it is rolled back and retried: {@code 2s}, {@code 500ms}. */
    @Parameter(property = "zdd.lockTimeout", defaultValue = BackfillOptions.DEFAULT_LOCK_TIMEOUT)
    String lockTimeout;

    /** Lock timeouts in a row a batch may have before the backfill stops (rows done so far stay done). */
    @Parameter(property = "zdd.retries", defaultValue = "5")
    int retries;

    /** How long one batch may run: {@code 30s}. */
    @Parameter(property = "zdd.statementTimeout", defaultValue = BackfillOptions.DEFAULT_STATEMENT_TIMEOUT)
    String statementTimeout;

    /** Count the rows and batches, change nothing. */
    @Parameter(property = "zdd.dryRun", defaultValue = "false")
    boolean dryRun;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter decrypter;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        BackfillOptions options;
        try {
            options = BackfillOptions.parse(table, set, where, batchSize, pause, lockTimeout, retries,
                    statementTimeout, dryRun);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zdd:backfill: " + e.getMessage(), e);
        }
        DatabaseLogin login = DatabaseLogin.from(settings, decrypter, databaseServerId, DATABASE_SERVER_ID);
        Connection connection;
        try {
            connection = PostgresConnector.connect(jdbcUrl, login.user(), login.password(), JDBC_URL);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zdd:backfill: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoFailureException("zdd:backfill: cannot connect to " + jdbcUrl + " (" + JDBC_URL + "): "
                    + e.getMessage(), e);
        }
        BackfillSummary summary;
        try (connection) {
            summary = new Backfill(connection, options, new LogListener(options)).run();
        } catch (BackfillException e) {
            throw new MojoFailureException("zdd:backfill: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new MojoExecutionException("zdd:backfill: the database failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("zdd:backfill: interrupted; rows done so far are kept", e);
        }
        getLog().info(summaryLine(summary));
    }

    static String summaryLine(BackfillSummary s) {
        if (s.dryRun()) {
            return String.format(Locale.ROOT, "zdd: dry run: %,d row(s) of %s match, %,d batch(es); nothing changed",
                    s.rowsToDo(), s.table(), s.batches());
        }
        if (s.rowsUpdated() == 0 && s.rowsToDo() == 0) {
            return "zdd: nothing to fill in " + s.table() + ": no row matches zdd.where (done already)";
        }
        return String.format(Locale.ROOT, "zdd: backfilled %,d row(s) of %s in %,d batch(es), %.1f s, %,.0f rows/s,"
                        + " %d lock-timeout retr%s", s.rowsUpdated(), s.table(), s.batches(),
                s.elapsed().toMillis() / 1000.0, s.rowsPerSecond(), s.retries(), s.retries() == 1 ? "y" : "ies");
    }

    /** Turns the backfill's reports into Maven log lines, a progress line at most every few seconds. */
    private final class LogListener implements BackfillListener {
        private final BackfillOptions options;
        private long lastLine = System.nanoTime();

        LogListener(BackfillOptions options) {
            this.options = options;
        }

        @Override
        public void started(String name, long rowsToDo) {
            getLog().info(String.format(Locale.ROOT, "zdd: backfilling %,d row(s) of %s, %d per batch, pause %s",
                    rowsToDo, name, options.batchSize(), options.pause()));
        }

        @Override
        public void batchDone(Progress p) {
            String line = String.format(Locale.ROOT, "zdd: %,d of %,d row(s), %,.0f rows/s, ETA %s", p.rowsDone(),
                    p.rowsToDo(), p.rowsPerSecond(), p.eta() == null ? "unknown" : eta(p.eta()));
            if (System.nanoTime() - lastLine >= PROGRESS_EVERY.toNanos()) {
                lastLine = System.nanoTime();
                getLog().info(line);
            } else if (getLog().isDebugEnabled()) {
                getLog().debug(line);
            }
        }

        @Override
        public void lockTimeout(int attempt, int retries, Duration backoff) {
            getLog().warn("zdd: a batch waited longer than zdd.lockTimeout for a lock (another session holds one);"
                    + " retry " + attempt + " of " + retries + " in " + backoff.toMillis() + " ms");
        }

        private String eta(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
    }
}
