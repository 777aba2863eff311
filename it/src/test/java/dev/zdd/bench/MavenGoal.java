package dev.zdd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a zdd goal as users do, in a fresh {@code mvn} process (this repository's wrapper, offline), so the figures
 * include Maven's start-up and the plugin's class loading. The plugin of this very build is installed into a
 * local repository of the benchmark's own, chained to the user's ({@code maven.repo.local.tail}, Maven 3.9): the
 * shared ~/.m2 may hold another branch's build, and the benchmark must neither use nor overwrite it.
 */
final class MavenGoal {
    private final Path wrapper;
    private final String plugin;
    private final Path repository;

    private MavenGoal(Path wrapper, String plugin, Path repository) {
        this.wrapper = wrapper;
        this.plugin = plugin;
        this.repository = repository;
    }

    /**
     * The runner for this build's plugin, or null (with the reason printed) when the wrapper or the built jars are
     * missing: then the caller measures in-process and says so.
     *
     * @param coordinates {@code groupId:artifactId:version} of the plugin
     * @param dir         the benchmark's folder, where the private repository goes
     */
    static MavenGoal find(String coordinates, Path dir) throws IOException, InterruptedException {
        Path root = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("mvnw")) && Files.isDirectory(p.resolve("zdd-maven-plugin"))) {
                root = p;
                break;
            }
        }
        if (root == null || coordinates == null || coordinates.isBlank()) {
            System.out.println("  (no Maven wrapper or plugin coordinates: measured in-process)");
            return null;
        }
        String version = coordinates.trim().split(":")[2];
        Path plugin = root.resolve("zdd-maven-plugin/target/zdd-maven-plugin-" + version + ".jar");
        Path hasher = root.resolve("zdd-asset-hasher/target/zdd-asset-hasher-" + version + ".jar");
        if (!Files.isRegularFile(plugin) || !Files.isRegularFile(hasher)) {
            System.out.println("  (" + plugin + " or the hasher's jar is not built: measured in-process; run the"
                    + " benchmark with -am)");
            return null;
        }
        Path repository = dir.resolve("m2");
        MavenGoal goal = new MavenGoal(root.resolve("mvnw"), coordinates.trim(), repository);
        goal.install(root, root.resolve("pom.xml"), root.resolve("pom.xml"));
        goal.install(root, hasher, root.resolve("zdd-asset-hasher/pom.xml"));
        goal.install(root, plugin, root.resolve("zdd-maven-plugin/pom.xml"));
        return goal;
    }

    private void install(Path root, Path file, Path pom) throws IOException, InterruptedException {
        List<String> command = base();
        command.addAll(List.of("-q", "-N", "install:install-file", "-Dfile=" + file, "-DpomFile=" + pom));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("cannot install " + file + " into " + repository + ":\n" + output);
        }
    }

    /** The command line of {@code mvn -B -o <arguments>} against the benchmark's repository. */
    List<String> commandLine(List<String> arguments) {
        List<String> command = base();
        command.addAll(arguments);
        return command;
    }

    private List<String> base() {
        return new ArrayList<>(List.of(wrapper.toString(), "-B", "-o", "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository")));
    }

    /** Starts {@code mvn -B -o <plugin>:<goal> -D...} in {@code folder} (no pom there: project-less). */
    Process start(Path folder, String goal, List<String> properties, Path output) throws IOException {
        return start(folder, goal, properties, null, output);
    }

    /** The same, with {@code mavenOpts} as in {@link #command}. */
    Process start(Path folder, String goal, List<String> properties, String mavenOpts, Path output)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of(goal(goal)));
        properties.forEach(p -> arguments.add("-D" + p));
        return command(folder, arguments, mavenOpts, output);
    }

    /** {@code groupId:artifactId:version:goal} of this build's plugin. */
    String goal(String goal) {
        return plugin + ":" + goal;
    }

    /**
     * Starts {@code mvn -B -o <arguments>} in {@code folder}; {@code mavenOpts}, when not null, replaces MAVEN_OPTS
     * (empty: none), so that every figure of a comparison runs Maven's JVM with the same options.
     */
    Process command(Path folder, List<String> arguments, String mavenOpts, Path output) throws IOException {
        List<String> command = base();
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        if (mavenOpts != null) {
            builder.environment().put("MAVEN_OPTS", mavenOpts);
        }
        return builder.start();
    }
}
