package dev.zdd.migrate.rules;

import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;

/** One check of one migration file. Rules keep no state between files. */
public interface MigrationRule {
    RuleInfo info();

    void check(ParsedMigration migration, Reporter reporter);
}
