package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.SqlToken;
import dev.zdd.migrate.Statement;

import java.nio.charset.StandardCharsets;

/**
 * A name longer than PostgreSQL keeps: it cuts identifiers to 63 bytes (NAMEDATALEN - 1) with only a NOTICE, so the
 * object gets another name than the one written, and two long names may become one.
 */
public final class IdentifierTooLong implements MigrationRule {
    static final int MAX_BYTES = 63;
    static final RuleInfo INFO = new RuleInfo("identifier-too-long", Severity.WARNING, "A name longer than 63 bytes:"
            + " PostgreSQL silently cuts it to 63.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            for (SqlToken t : s.source().tokens()) {
                // A UTF-16 unit is at most 3 bytes in UTF-8 (a surrogate pair 4 for 2), so short names need no count.
                if (!t.isIdentifier() || t.text().length() <= MAX_BYTES / 3) {
                    continue;
                }
                byte[] bytes = t.name().getBytes(StandardCharsets.UTF_8);
                if (bytes.length > MAX_BYTES) {
                    reporter.report(s, t, "'" + t.name() + "' is " + bytes.length + " bytes long; PostgreSQL cuts"
                                    + " names to " + MAX_BYTES + " bytes, so the object is not called what this says",
                            "a name of at most " + MAX_BYTES + " bytes (in UTF-8)");
                }
            }
        }
    }
}
