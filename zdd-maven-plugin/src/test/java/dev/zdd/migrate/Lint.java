package dev.zdd.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Lints one SQL text as a migration file, for the rule tests. */
final class Lint {
    private Lint() {
    }

    static List<Finding> findings(String sql, int postgresVersion, TransactionMode mode) {
        MigrationScript script = new MigrationScript(Path.of("V1__test.sql"), "V1__test.sql",
                MigrationVersion.parse("1"), "test");
        ParsedMigration parsed = new MigrationParser(postgresVersion, mode).parse(script, sql);
        return new MigrationLinter(new LintConfig(List.of(), Path.of("."), postgresVersion, mode, Set.of()))
                .lint(parsed);
    }

    /** The rule ids found, in the order the rules reported them. */
    static List<String> rules(String sql) {
        return rules(sql, 15, TransactionMode.FLYWAY);
    }

    static List<String> rules(String sql, int postgresVersion, TransactionMode mode) {
        return findings(sql, postgresVersion, mode).stream().map(Finding::rule).toList();
    }

    /** The rule ids found besides the ones every unguarded DDL file gets (require-lock-timeout). */
    static List<String> rulesBesidesLockTimeout(String sql) {
        return rules("SET lock_timeout = '2s';\n" + sql);
    }

    static ParsedMigration parse(String sql, TransactionMode mode) {
        MigrationScript script = new MigrationScript(Path.of("V1__test.sql"), "V1__test.sql",
                MigrationVersion.parse("1"), "test");
        return new MigrationParser(15, mode).parse(script, sql);
    }
}
