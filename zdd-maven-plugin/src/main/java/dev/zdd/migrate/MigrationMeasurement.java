package dev.zdd.migrate;

import java.sql.SQLException;
import java.util.List;

/** A second look at the parsed migrations, by running them (measured mode), whose findings join the linter's. */
@FunctionalInterface
public interface MigrationMeasurement {
    Measurements measure(List<ParsedMigration> migrations) throws SQLException;
}
