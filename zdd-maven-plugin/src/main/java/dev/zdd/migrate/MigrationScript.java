package dev.zdd.migrate;

import java.nio.file.Path;

/**
 * A Flyway versioned migration file, {@code V<version>__<description>.sql}.
 *
 * @param path        where it is
 * @param displayPath how reports name it: relative to the project (or working) folder when inside it
 * @param version     its version
 * @param description the part after the two underscores, underscores shown as spaces
 */
public record MigrationScript(Path path, String displayPath, MigrationVersion version, String description) {
}
