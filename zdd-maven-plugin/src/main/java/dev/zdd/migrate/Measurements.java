package dev.zdd.migrate;

import java.util.List;

/**
 * What a {@link MigrationMeasurement} adds to the lint: its findings, and every migration it ran with its time and
 * locks (also those without a finding).
 */
public record Measurements(List<Finding> findings, List<MeasuredMigration> migrations) {
    public static Measurements none() {
        return new Measurements(List.of(), List.of());
    }
}
