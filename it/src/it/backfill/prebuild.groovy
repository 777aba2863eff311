// A real PostgreSQL for the builds of this case, on a free port, with the table to backfill. verify.groovy (the
// post-build hook, which runs even when a build fails) reads the result and stops the server.
import dev.zdd.testing.PostgresServer

def postgres = PostgresServer.start(new File(basedir, 'postgres').toPath())
try {
    postgres.createDatabase('app')
    def connection = postgres.connect('app')
    try {
        connection.createStatement().execute('''
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, email_lower text);
            INSERT INTO users (id, email) SELECT g, 'User' || g || '@Example.COM' FROM generate_series(1, 2500) g;
            -- The login of settings.xml, with no more rights than a backfill needs.
            CREATE ROLE backfiller LOGIN;
            GRANT SELECT, UPDATE ON users TO backfiller;
            ''')
    } finally {
        connection.close()
    }
} catch (Throwable e) {
    postgres.close()
    throw e
}
context.put('postgres', postgres)
context.userProperties.put('zdd.jdbcUrl', postgres.jdbcUrl('app'))
return true
