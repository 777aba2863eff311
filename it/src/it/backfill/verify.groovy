// The four builds against the PostgreSQL of prebuild.groovy: dry run, backfill, nothing left, unknown table.
def postgres = context.get('postgres')
assert postgres != null : 'prebuild.groovy did not start PostgreSQL; see build.log'
try {
    def build = new File(basedir, 'build.log').text
    // 1: a dry run counts and changes nothing (the rows were still there for build 2 to fill).
    assert build.contains('zdd: dry run: 2,500 row(s) of public.users match, 5 batch(es); nothing changed')
    // 2: every row filled, in batches of 500, with the summary line.
    assert build.contains('zdd: backfilling 2,500 row(s) of public.users, 500 per batch')
    assert build =~ /zdd: backfilled 2,500 row\(s\) of public\.users in 5 batch\(es\), [0-9.]+ s, [0-9,]+ rows\/s, 0 lock-timeout retries/
    // 3: run again after the end, it finds nothing to do.
    assert build.contains('zdd: nothing to fill in public.users: no row matches zdd.where (done already)')
    // 4: an unknown table fails the build with the parameter and what to check.
    assert build.contains("zdd:backfill: zdd.table: no table 'no_such_table' in this database")

    def connection = postgres.connect('app')
    try {
        def r = connection.createStatement().executeQuery(
                'SELECT count(*), count(*) FILTER (WHERE email_lower = lower(email)) FROM users')
        r.next()
        assert r.getLong(1) == 2500
        assert r.getLong(2) == 2500 : 'every row filled with lower(email)'
    } finally {
        connection.close()
    }
} finally {
    postgres.close()
}
return true
