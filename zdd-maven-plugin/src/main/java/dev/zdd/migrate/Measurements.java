package dev.zdd.migrate;

import java.util.List;
import java.util.Set;

/**
 * What a {@link MigrationMeasurement} adds to the lint.
 *
 * @param findings   its findings
 * @param migrations every migration it ran, with its time and locks (also those without a finding)
 * @param applied    the versions the measured database records as applied (Flyway's history), or null when it
 *                   keeps no such record: the others are the next release
 */
public record Measurements(List<Finding> findings, List<MeasuredMigration> migrations, Set<MigrationVersion> applied) {
    public static Measurements none() {
        return new Measurements(List.of(), List.of(), null);
    }
}
