package dev.zdd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Runs a zdd goal as users do, in a fresh {@code mvn} process (this repository's wrapper, offline), so the figures
 * include Maven's start-up and the plugin's class loading. Needs the plugin in the local repository (any
 * {@code ./mvnw install}, or the ITs' invoker:install, puts it there).
 */
final class MavenGoal {
    private final Path wrapper;
    private final String plugin;

    private MavenGoal(Path wrapper, String plugin) {
        this.wrapper = wrapper;
        this.plugin = plugin;
    }

    /**
     * The runner for {@code goal}, or null (with the reason printed) when the wrapper or an installed plugin with
     * that goal is missing: then the caller measures in-process and says so.
     *
     * @param coordinates {@code groupId:artifactId:version} of the plugin
     */
    static MavenGoal find(String coordinates, String goal) {
        Path wrapper = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("mvnw"))) {
                wrapper = p.resolve("mvnw");
                break;
            }
        }
        if (wrapper == null || coordinates == null || coordinates.isBlank()) {
            System.out.println("  (no Maven wrapper or plugin coordinates: " + goal + " measured in-process)");
            return null;
        }
        String[] gav = coordinates.trim().split(":");
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository")
                .resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
        if (!hasGoal(jar, goal)) {
            System.out.println("  (" + jar + " is missing or has no " + goal + " goal; run ./mvnw install -DskipTests"
                    + " first to measure a fresh mvn process)");
            return null;
        }
        return new MavenGoal(wrapper, coordinates.trim());
    }

    private static boolean hasGoal(Path jar, String goal) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("META-INF/maven/plugin.xml");
            return entry != null && new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)
                    .contains("<goal>" + goal + "</goal>");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts {@code mvn -B -o <plugin>:<goal> -D...} in {@code folder} (no pom there: project-less). */
    Process start(Path folder, String goal, List<String> properties, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(wrapper.toString(), "-B", "-o", plugin + ":" + goal));
        properties.forEach(p -> command.add("-D" + p));
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
    }
}
