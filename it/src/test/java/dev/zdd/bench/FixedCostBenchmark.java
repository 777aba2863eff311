package dev.zdd.bench;

import dev.zdd.testing.OpenSshServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a cold command costs when it has almost nothing to do, as users pay it: each figure is a fresh process,
 * the figures interleaved, one untimed round first (page cache), then the median of the measured rounds.
 * Maven's own costs come first ({@code mvn -v}; a goal of a small Apache plugin, Maven's floor for running any
 * plugin goal), then zdd's goals beside their peers: {@code zdd:hash} and {@code zdd:check} of a 2-file site with
 * an npm link checker on the same site, {@code zdd:releases} on an empty root over SSH with OpenSSH's client.
 * Goal (issue 14): zdd:hash and the SSH goal at most 1.0 s more than {@code mvn -v}. Maven's floor and the zdd
 * goals run twice more with the README's JVM options for cold commands ({@link FastStart}: the first JIT tier, and
 * the first tier with the JDK's crypto at the second): their untimed first round writes the class archive that the
 * measured rounds read, as a user's first run would.
 *
 * <p>Then one more run of each Maven figure with the JVM's class-loading and thread logs on, for the breakdown:
 * when Maven's launcher, Maven's core and the goal's plugin first load a class, how many classes come from which
 * jar of the plugin, and which threads start once the plugin runs; for the SSH goal, zdd's debug line on where
 * the connection's time went (key exchange, login, the first channel). The logs slow that run down a little, so
 * its phases are read as shares, never as the figure itself.
 */
final class FixedCostBenchmark {
    /** The npm link checker beside zdd:check, pinned so runs compare; 8.x needs Node 22, this machine has Node 20. */
    static final String LINK_CHECKER = "linkinator@7.6.1";
    private static final double GOAL_SECONDS = 1.0;
    /** Maven's logger turned to debug for zdd's classes only, as a user can. */
    private static final String ZDD_DEBUG = "org.slf4j.simpleLogger.log.dev.zdd=debug";
    /** The debug line an SSH goal logs per connection (SshConnector). */
    private static final String CONNECTED = ": connected in ";
    /** The plugin's dependencies whose classes the breakdown counts, zeros included. */
    private static final List<String> PLUGIN_JARS = List.of("zdd-maven-plugin", "zdd-asset-hasher", "jsoup",
            "jackson-core", "commons-codec", "sshj", "asn-one", "bcprov", "bcpkix", "bcutil", "slf4j-api",
            "commons-compress", "commons-io", "commons-lang3", "postgresql", "checker-qual");
    private static final Pattern LOG_LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]\\[([a-z,+]+)\\s*\\] (.*)$");
    private static final Pattern CLASS = Pattern.compile("^(\\S+) source: (.*)$");
    private static final Pattern THREAD = Pattern.compile("^Thread \".*\" started");

    private FixedCostBenchmark() {
    }

    /**
     * A figure: what it runs, whether its breakdown run is a Maven one, and the JVM options it runs with (null:
     * none).
     */
    private record Figure(String label, Starter starter, boolean maven, FastStart fast) {
        Figure(String label, Starter starter, boolean maven) {
            this(label, starter, maven, null);
        }

        /**
         * The same command with the README's options for cold commands, its archive under {@code work}: with the
         * first JIT tier only, and with the first tier but the JDK's crypto at the second.
         */
        List<Figure> fast(Path work, String name) throws IOException {
            List<Figure> fast = new ArrayList<>();
            for (FastStart.Jit jit : FastStart.Jit.FIRST_TIERS) {
                FastStart options = FastStart.in(work, name, jit);
                fast.add(new Figure(label + ", " + options.label(), starter, maven, options));
            }
            return fast;
        }

        /** MAVEN_OPTS for a round: the first one writes the archive, the later ones read it. */
        String options(int round) {
            return fast == null ? "" : fast.options(round);
        }
    }

    @FunctionalInterface
    private interface Starter {
        Process start(Path log, String mavenOpts) throws IOException;
    }

    /**
     * @param floorGoal   a goal of a small plugin in the local repository ({@code g:a:v:help}), Maven's floor
     * @param linkChecker the link checker's binary; empty: {@code linkinator} under {@code <dir>/npm}, installed
     *                    there with npm when npm is on the PATH
     */
    static int run(Path dir, int runs, String plugin, String floorGoal, String linkChecker, PrintStream out)
            throws Exception {
        out.println("zdd benchmark: fixed cost (each figure a fresh process, interleaved)");
        Path work = dir.resolve("fixed-cost");
        SyntheticSite.deleteTree(work);
        Files.createDirectories(work);
        MavenGoal maven = MavenGoal.find(plugin, work);
        if (maven == null) {
            out.println("  skipped: a fixed cost is only meaningful as a fresh mvn process");
            return 0;
        }
        Path site = SyntheticSite.twoFiles(work.resolve("site"));
        Path root = Files.createDirectories(work.resolve("ssh-root"));
        String checker = linkChecker(linkChecker, dir, out);

        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            String target = "ssh://" + sshd.user() + "@" + sshd.host() + ":" + sshd.port() + root;
            Path knownHosts = sshd.knownHosts();
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("mvn -v", (log, opts) -> maven.command(work, List.of("-v"), opts, log), true));
            if (floorGoal != null && !floorGoal.isBlank()) {
                Figure floor = new Figure("mvn " + shortGoal(floorGoal) + " (Maven's floor: a small plugin)",
                        (log, opts) -> maven.command(work, List.of(floorGoal.trim()), opts, log), true);
                figures.add(floor);
                figures.addAll(floor.fast(work, "floor"));
            }
            Figure hash = new Figure("mvn zdd:hash, 2-file site", (log, opts) -> maven.command(work, List.of(
                    maven.goal("hash"), "-Dzdd.siteDirectory=" + site,
                    "-Dzdd.outputDirectory=" + work.resolve("hashed")), opts, log), true);
            figures.add(hash);
            figures.addAll(hash.fast(work, "hash"));
            Figure check = new Figure("mvn zdd:check, 2-file site", (log, opts) -> maven.command(work, List.of(
                    maven.goal("check"), "-Dzdd.siteDirectory=" + site), opts, log), true);
            figures.add(check);
            if (checker != null) {
                figures.add(new Figure(LINK_CHECKER + ", same site",
                        (log, opts) -> process(work, log, checker, site.toString()), false));
            }
            figures.addAll(check.fast(work, "check"));
            Figure releases = new Figure("mvn zdd:releases, empty SSH root", (log, opts) -> maven.command(work,
                    List.of(maven.goal("releases"), "-Dzdd.target=" + target, "-Dzdd.privateKey="
                            + sshd.clientKey(), "-Dzdd.knownHosts=" + knownHosts), opts, log), true);
            figures.add(releases);
            figures.add(new Figure("ssh (OpenSSH) ls, same root", (log, opts) -> process(work, log, "ssh", "-F",
                    "/dev/null", "-i", sshd.clientKey().toString(), "-p", Integer.toString(sshd.port()), "-o",
                    "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                    sshd.user() + "@" + sshd.host(), "ls", "-a", root.toString()), false));
            figures.addAll(releases.fast(work, "releases"));

            String loadBefore = loadAverage();
            List<List<Long>> millis = new ArrayList<>();
            figures.forEach(f -> millis.add(new ArrayList<>()));
            for (int round = 0; round <= runs; round++) {
                for (int i = 0; i < figures.size(); i++) {
                    Path log = work.resolve("figure" + i + "-round" + round + ".log");
                    long took = timed(figures.get(i), log, figures.get(i).options(round));
                    if (took < 0) {
                        out.println("  FAILED: " + figures.get(i).label() + ", see " + log);
                        return 1;
                    }
                    if (round > 0) {
                        millis.get(i).add(took);
                    }
                }
            }
            String loadAfter = loadAverage();
            out.printf(Locale.ROOT, "  median of %d rounds after an untimed one; load average %s before, %s after"
                    + " (%d processors)%n", runs, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
            long version = median(millis.get(0));
            for (int i = 0; i < figures.size(); i++) {
                String label = figures.get(i).label();
                long med = median(millis.get(i));
                String note = "";
                if (label.startsWith("mvn zdd:hash") || label.startsWith("mvn zdd:releases")) {
                    double over = (med - version) / 1000.0;
                    note = String.format(Locale.ROOT, "  mvn -v + %.2f s (goal <= +%.1f s: %s)", over,
                            GOAL_SECONDS, over <= GOAL_SECONDS ? "MET" : "NOT MET");
                } else if (label.startsWith(LINK_CHECKER) || label.startsWith("ssh ")) {
                    long zdd = median(millis.get(i - 1));
                    note = String.format(Locale.ROOT, "  (zdd's goal above: %.1fx this)", zdd / (double) med);
                }
                out.printf(Locale.ROOT, "  %-52s %6.2f s  [%s]%s%n", label, med / 1000.0, millis.get(i).stream()
                        .map(ms -> String.format(Locale.ROOT, "%.2f", ms / 1000.0)).collect(Collectors.joining(" ")),
                        note);
            }

            out.println("  breakdown (one more run each, JVM logs on: -Xlog:class+load,os+thread):");
            for (int i = 0; i < figures.size(); i++) {
                Figure figure = figures.get(i);
                if (!figure.maven()) {
                    continue;
                }
                Path jvmLog = work.resolve("figure" + i + "-jvm.log");
                Path mavenLog = work.resolve("figure" + i + "-breakdown.log");
                // zdd's own debug lines only (not Maven's -X): where an SSH connection's time went.
                long took = timed(figure, mavenLog, (figure.fast() == null ? "" : figure.fast().later() + " ")
                        + "-Xlog:class+load=info,os+thread=info:file=" + jvmLog + ":uptime,tags -D" + ZDD_DEBUG);
                if (took < 0) {
                    out.println("  FAILED: " + figure.label() + " with JVM logs, see " + jvmLog);
                    return 1;
                }
                Breakdown.read(jvmLog, figure.label().startsWith("mvn zdd:") ? "/zdd-maven-plugin-"
                        : figure.label().contains("floor") ? floorJar(floorGoal) : null).print(figure.label(), took,
                        out);
                try (Stream<String> lines = Files.lines(mavenLog)) {
                    lines.filter(l -> l.contains(CONNECTED)).map(l -> l.substring(l.indexOf("zdd: ")))
                            .forEach(l -> out.println("    " + l));
                }
            }
            return 0;
        }
    }

    /** Runs one figure to its end; its time in ms, or -1 when it failed. */
    private static long timed(Figure figure, Path log, String mavenOpts) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = figure.starter().start(log, mavenOpts);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        return process.exitValue() == 0 ? took : -1;
    }

    private static Process process(Path folder, Path log, String... command) throws IOException {
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** The link checker to run, or null (with the reason printed) when there is none. */
    private static String linkChecker(String option, Path dir, PrintStream out) throws InterruptedException {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        Path npm = dir.resolve("npm");
        Path binary = npm.resolve("node_modules/.bin/linkinator");
        if (!Files.isExecutable(binary)) {
            try {
                Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix",
                        npm.toString(), LINK_CHECKER).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    out.println("  (npm install " + LINK_CHECKER + " failed: no link checker beside zdd:check)");
                    return null;
                }
            } catch (IOException e) {
                out.println("  (no npm on the PATH: no link checker beside zdd:check; give one with"
                        + " -Dzdd.bench.linkChecker=<binary>)");
                return null;
            }
            out.println("  (installed " + LINK_CHECKER + " into " + npm + ")");
        }
        return binary.toString();
    }

    /** {@code org.apache.maven.plugins:maven-clean-plugin:3.4.1:help} as {@code maven-clean-plugin:help}. */
    private static String shortGoal(String goal) {
        String[] parts = goal.trim().split(":");
        return parts.length == 4 ? parts[1] + ":" + parts[3] : goal.trim();
    }

    /** The part of a plugin jar's path that names it: {@code /maven-clean-plugin-}. */
    private static String floorJar(String goal) {
        String[] parts = goal.trim().split(":");
        return parts.length == 4 ? "/" + parts[1] + "-" : null;
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
        return String.join(" ", fields[0], fields[1], fields[2]);
    }

    static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * One run's JVM log, read into phases: until Maven's launcher loads {@code MavenCli} (JVM start), until
     * {@code DefaultMaven} (Maven's container), until the plugin's first class (the project, the plugin's
     * dependencies and its class realm), until the last class loaded (the goal); and what was loaded and started.
     */
    private record Breakdown(double cli, double core, double plugin, double last, int classes, int shared,
                             Map<String, Integer> pluginJars, int threadsAfterPlugin) {
        static Breakdown read(Path jvmLog, String pluginJar) throws IOException {
            double cli = -1;
            double core = -1;
            double plugin = -1;
            double last = 0;
            int classes = 0;
            int shared = 0;
            Map<String, Integer> jars = new TreeMap<>();
            int threads = 0;
            for (String line : Files.readAllLines(jvmLog)) {
                Matcher m = LOG_LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                double at = Double.parseDouble(m.group(1));
                if (m.group(2).startsWith("class")) {
                    Matcher c = CLASS.matcher(m.group(3));
                    if (!c.find()) {
                        continue;
                    }
                    classes++;
                    last = at;
                    String name = c.group(1);
                    String source = c.group(2);
                    if (source.startsWith("shared")) {
                        shared++;
                    }
                    if (cli < 0 && name.equals("org.apache.maven.cli.MavenCli")) {
                        cli = at;
                    }
                    if (core < 0 && name.equals("org.apache.maven.DefaultMaven")) {
                        core = at;
                    }
                    if (plugin < 0 && pluginJar != null && source.contains(pluginJar)) {
                        plugin = at;
                    }
                    for (String jar : PLUGIN_JARS) {
                        if (source.contains("/" + jar + "-")) {
                            jars.merge(jar, 1, Integer::sum);
                        }
                    }
                } else {
                    Matcher t = THREAD.matcher(m.group(3));
                    if (t.find() && plugin >= 0) {
                        threads++;
                    }
                }
            }
            return new Breakdown(cli, core, plugin, last, classes, shared, jars, threads);
        }

        void print(String label, long wallMillis, PrintStream out) {
            StringBuilder phases = new StringBuilder();
            phases.append(String.format(Locale.ROOT, "JVM start to Maven's launcher %.2f s", cli));
            if (core > 0) {
                phases.append(String.format(Locale.ROOT, ", Maven's container %.2f s", core - cli));
            }
            if (plugin > 0) {
                phases.append(String.format(Locale.ROOT, ", project + plugin resolution + realm %.2f s, goal %.2f s",
                        plugin - core, last - plugin));
            }
            phases.append(String.format(Locale.ROOT, ", outside the log (wrapper script, JVM creation, exit) %.2f s",
                    wallMillis / 1000.0 - last));
            out.printf(Locale.ROOT, "  %s: %.2f s with logs: %s%n", label, wallMillis / 1000.0, phases);
            out.printf(Locale.ROOT, "    classes loaded %d (%d from a CDS archive)", classes, shared);
            if (plugin > 0 && label.startsWith("mvn zdd:")) {
                out.print("; by jar of the plugin: " + PLUGIN_JARS.stream()
                        .map(jar -> jar + " " + pluginJars.getOrDefault(jar, 0)).collect(Collectors.joining(", ")));
                // The JVM logs a thread before Java names it: a count, not names.
                out.print("; threads started once the plugin ran (the goal's pools, JIT, GC): "
                        + threadsAfterPlugin);
            }
            out.println();
        }
    }
}
