package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the versioned migrations in the migration folders (and their subfolders, as Flyway scans them) and orders
 * them by version. Two files with one version is a finding naming both, as is a {@code .sql} file that looks
 * meant as a versioned migration but that Flyway would not read as one.
 */
public final class MigrationScanner {
    public static final RuleInfo DUPLICATE_VERSION = new RuleInfo("duplicate-version", Severity.ERROR,
            "Two migration files have the same version; Flyway refuses to run either.");
    public static final RuleInfo INVALID_NAME = new RuleInfo("invalid-migration-name", Severity.WARNING,
            "A .sql file starting with V that Flyway does not read as a versioned migration.");

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql");

    /** The migrations in version order, and findings about their names. */
    public record Scan(List<MigrationScript> scripts, List<Finding> findings) {
    }

    private MigrationScanner() {
    }

    /**
     * @param folders the migration folders; each must exist
     * @param base    the folder paths are shown relative to
     */
    public static Scan scan(List<Path> folders, Path base) throws IOException {
        List<MigrationScript> scripts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new NoSuchFileException(folder.toString(), null, "no such migration folder");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                String shown = display(file, base);
                Matcher m = VERSIONED.matcher(name);
                if (m.matches()) {
                    scripts.add(new MigrationScript(file, shown, MigrationVersion.parse(m.group(1)),
                            m.group(2).replace('_', ' ')));
                } else if (name.startsWith("V") && name.endsWith(".sql")) {
                    findings.add(new Finding(shown, 0, 0, INVALID_NAME.id(), INVALID_NAME.severity(),
                            "'" + name + "' is not a versioned migration name, so Flyway does not run it",
                            "name it V<version>__<description>.sql: digits separated by dots or underscores,"
                                    + " then two underscores"));
                }
            }
        }
        scripts.sort(Comparator.comparing(MigrationScript::version).thenComparing(MigrationScript::displayPath));
        Map<MigrationVersion, MigrationScript> first = new HashMap<>();
        for (MigrationScript script : scripts) {
            MigrationScript earlier = first.putIfAbsent(script.version(), script);
            if (earlier != null) {
                findings.add(new Finding(script.displayPath(), 0, 0, DUPLICATE_VERSION.id(),
                        DUPLICATE_VERSION.severity(), "version " + script.version() + " is used by both "
                        + earlier.displayPath() + " and " + script.displayPath(),
                        "give the newer migration the next free version; never renumber one that has run"));
            }
        }
        return new Scan(List.copyOf(scripts), findings);
    }

    static String display(Path file, Path base) {
        Path absolute = file.toAbsolutePath().normalize();
        Path from = base.toAbsolutePath().normalize();
        return (absolute.startsWith(from) ? from.relativize(absolute) : absolute).toString().replace('\\', '/');
    }
}
