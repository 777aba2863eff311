package dev.zdd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Hashing as users pay for it (issue 14): every figure a fresh process, the figures interleaved, one untimed
 * round first, then the median of the measured rounds. {@code mvn zdd:hash} of the generated site and of a 2-file
 * site (its start-up, subtracted to give the net figure) beside the floor ({@code cp -r} and {@code sha256sum} of
 * every file, as one shell command) and Django 3.2's {@code collectstatic} with {@code ManifestStaticFilesStorage}
 * (whole, and net of a {@code collectstatic} of the same 2-file site). Goals: zdd net at most 1.3x the floor, and
 * at least 2x faster than Django net. Peak memory is each process's peak RSS ({@code /usr/bin/time}); a last,
 * optional run hashes a larger site (100,000 files) with {@code MAVEN_OPTS=-Xmx512m}. Both zdd figures run twice
 * more with the README's JVM options for cold commands ({@link FastStart}: the first JIT tier, and the first tier
 * with the JDK's SHA-256 at the second; the untimed first round writes each one's archive), and the goals are
 * judged for them too.
 */
final class ColdHashBenchmark {
    private static final double FLOOR_GOAL = 1.3;
    private static final double DJANGO_GOAL = 2.0;
    private static final Path TIME = Path.of("/usr/bin/time");
    /** Pythons to try for Django, Debian's first: {@code python3} on the PATH may be another (pyenv) one. */
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

    /**
     * ManifestStaticFilesStorage, except that a url() naming a missing file is left as written instead of failing
     * the run: Django 3.2 also follows url()s inside CSS comments, and the generated site has one (to a file that
     * does not exist) on purpose. Everything else, and all of the work, is Django's own.
     */
    private static final String LENIENT_STORAGE = String.join("\n",
            "from django.contrib.staticfiles.storage import ManifestStaticFilesStorage",
            "",
            "",
            "class LenientManifestStorage(ManifestStaticFilesStorage):",
            "    def url_converter(self, name, hashed_files, template=None):",
            "        convert = super().url_converter(name, hashed_files, template)",
            "",
            "        def lenient(matchobj):",
            "            try:",
            "                return convert(matchobj)",
            "            except ValueError:",
            "                return matchobj.group(0)",
            "        return lenient",
            "");

    private ColdHashBenchmark() {
    }

    /**
     * One figure: its command, and the folder it writes, removed (untimed) before each run; {@code fast}, when not
     * null, sets MAVEN_OPTS per round.
     */
    private record Figure(String label, List<String> command, Map<String, String> env, Path output,
                          FastStart fast) {
        Figure(String label, List<String> command, Map<String, String> env, Path output) {
            this(label, command, env, output, null);
        }

        Figure fast(Path work, String name, FastStart.Jit jit) throws IOException {
            FastStart options = FastStart.in(work, name, jit);
            return new Figure(label + ", " + options.label(), command, env, output, options);
        }

        Map<String, String> env(int round) {
            return fast == null ? env : Map.of("MAVEN_OPTS", fast.options(round));
        }
    }

    /** One finished run: wall time, CPU time (user + system, ms; -1 unknown) and the peak RSS in KB (-1 unknown). */
    private record Run(long millis, long cpuMillis, long rssKb) {
    }

    /**
     * @param largeFiles files of the site hashed once more under {@code -Xmx512m}; 0 leaves that run out
     */
    static int run(Path dir, SyntheticSite.Generated site, int runs, String plugin, int largeFiles, long seed,
                   int threads, PrintStream out) throws Exception {
        out.println("zdd benchmark: hash as a cold command (each figure a fresh process, interleaved)");
        Path work = dir.resolve("cold-hash");
        SyntheticSite.deleteTree(work);
        Files.createDirectories(work);
        MavenGoal maven = MavenGoal.find(plugin, work);
        if (maven == null) {
            out.println("  skipped: this section is only meaningful with fresh mvn processes");
            return 0;
        }
        Path small = SyntheticSite.twoFiles(work.resolve("small-site"));
        int siteFiles = site.stats().files();

        List<Figure> figures = new ArrayList<>();
        figures.add(zdd(maven, work, "mvn zdd:hash, 2-file site (start-up)", small, "zdd-small"));
        figures.add(zdd(maven, work, String.format(Locale.ROOT, "mvn zdd:hash, %,d-file site", siteFiles),
                site.folder(), "zdd-big"));
        Path floorOut = work.resolve("floor-out");
        figures.add(new Figure("floor: cp -r + sha256sum of every file", List.of("sh", "-c",
                "cp -r \"$1\" \"$2\" && find \"$2\" -type f -print0 | xargs -0 sha256sum > /dev/null", "floor",
                site.folder().toString(), floorOut.toString()), Map.of(), floorOut));
        String python = djangoPython(out);
        if (python != null) {
            figures.add(django(python, work, "Django collectstatic, 2-file site (start-up)", small, "django-small"));
            figures.add(django(python, work, String.format(Locale.ROOT, "Django collectstatic, %,d-file site",
                    siteFiles), site.folder(), "django-big"));
        }

        // The README's options for cold commands: the start-up they save, and how the JIT's first tier changes a
        // large hash, where compiling the parsers costs a large share of a cold run's CPU time (alone, and with
        // the JDK's SHA-256 left to the second tier and its intrinsics). Pairs: the 2-file site, then the large one.
        int fastFirst = figures.size();
        for (FastStart.Jit jit : FastStart.Jit.FIRST_TIERS) {
            figures.add(figures.get(0).fast(work, "zdd-small", jit));
            figures.add(figures.get(1).fast(work, "zdd-big", jit));
        }
        String loadBefore = loadAverage();
        List<List<Run>> results = new ArrayList<>();
        figures.forEach(f -> results.add(new ArrayList<>()));
        for (int round = 0; round <= runs; round++) {
            for (int i = 0; i < figures.size(); i++) {
                Figure figure = figures.get(i);
                Path log = work.resolve("figure" + i + "-round" + round + ".log");
                Run run = timed(figure, figure.env(round), log, work.resolve("figure" + i + ".time"));
                if (run == null) {
                    out.println("  FAILED: " + figure.label() + ", see " + log);
                    return 1;
                }
                if (round > 0) {
                    results.get(i).add(run);
                }
            }
        }
        String loadAfter = loadAverage();
        out.printf(Locale.ROOT, "  median of %d rounds after an untimed one; load average %s before, %s after"
                + " (%d processors)%n", runs, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < figures.size(); i++) {
            List<Run> r = results.get(i);
            out.printf(Locale.ROOT, "  %-48s %6.2f s  [%s]  cpu %5.2f s  peak RSS %s%n", figures.get(i).label(),
                    median(r) / 1000.0, r.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.millis() / 1000.0))
                            .collect(Collectors.joining(" ")), cpuMedian(r) / 1000.0, rss(r));
        }
        double zddSmall = median(results.get(0)) / 1000.0;
        double zddBig = median(results.get(1)) / 1000.0;
        double floor = median(results.get(2)) / 1000.0;
        double zddNet = zddBig - zddSmall;
        out.printf(Locale.ROOT, "  zdd net of start-up: %.2f s = %.2fx the floor (goal <= %.1fx: %s)%n", zddNet,
                zddNet / floor, FLOOR_GOAL, zddNet / floor <= FLOOR_GOAL ? "MET" : "NOT MET");
        out.printf(Locale.ROOT, "  zdd whole command: %.2f s = %.2fx the floor%n", zddBig, zddBig / floor);
        double[] fastNets = new double[FastStart.Jit.FIRST_TIERS.size()];
        for (int v = 0; v < FastStart.Jit.FIRST_TIERS.size(); v++) {
            int pair = fastFirst + 2 * v;
            fastNets[v] = (median(results.get(pair + 1)) - median(results.get(pair))) / 1000.0;
            out.printf(Locale.ROOT, "  %s: net of its own start-up %.2f s = %.2fx the floor (goal <= %.1fx: %s);"
                            + " whole command %.2f s, start-up %.2f s%n", figures.get(pair).fast().label(),
                    fastNets[v], fastNets[v] / floor, FLOOR_GOAL, fastNets[v] / floor <= FLOOR_GOAL ? "MET" : "NOT MET",
                    median(results.get(pair + 1)) / 1000.0, median(results.get(pair)) / 1000.0);
        }
        out.printf(Locale.ROOT, "  cpu time net of start-up: zdd %.2f s, floor %.2f s (%.2fx)%n",
                (cpuMedian(results.get(1)) - cpuMedian(results.get(0))) / 1000.0, cpuMedian(results.get(2)) / 1000.0,
                (cpuMedian(results.get(1)) - cpuMedian(results.get(0))) / (double) cpuMedian(results.get(2)));
        if (python != null) {
            double djangoSmall = median(results.get(3)) / 1000.0;
            double djangoBig = median(results.get(4)) / 1000.0;
            double djangoNet = djangoBig - djangoSmall;
            out.printf(Locale.ROOT, "  Django net of start-up: %.2f s; zdd net is %.2fx faster (goal >= %.1fx: %s)%n",
                    djangoNet, djangoNet / zddNet, DJANGO_GOAL, djangoNet / zddNet >= DJANGO_GOAL ? "MET"
                            : "NOT MET");
            out.printf(Locale.ROOT, "  Django whole command: %.2f s; zdd's whole command is %.2fx faster%n",
                    djangoBig, djangoBig / zddBig);
            out.printf(Locale.ROOT, "  cpu time net of start-up: Django %.2f s%n",
                    (cpuMedian(results.get(4)) - cpuMedian(results.get(3))) / 1000.0);
            for (int v = 0; v < FastStart.Jit.FIRST_TIERS.size(); v++) {
                out.printf(Locale.ROOT, "  %s: zdd net is %.2fx faster than Django net (goal >= %.1fx: %s)%n",
                        figures.get(fastFirst + 2 * v).fast().label(), djangoNet / fastNets[v], DJANGO_GOAL,
                        djangoNet / fastNets[v] >= DJANGO_GOAL ? "MET" : "NOT MET");
            }
        } else {
            out.println("  !!! DJANGO NOT RUN: no python3 with Django found (Debian: apt-get install python3-django);"
                    + " the Django goal is NOT MEASURED !!!");
        }
        if (largeFiles > 0) {
            return large(maven, dir, work, largeFiles, seed, threads, out);
        }
        out.println("  (the " + "-Xmx512m run of a large site is off: -Dzdd.bench.hashLargeFiles=100000 turns it on)");
        return 0;
    }

    /** One zdd:hash of a {@code files}-file site with a 512 MB heap: whether it ran, its time and peak RSS. */
    private static int large(MavenGoal maven, Path dir, Path work, int files, long seed, int threads,
                             PrintStream out) throws Exception {
        SyntheticSite.Generated site = SyntheticSite.plan(files, seed).ensure(dir, threads, out);
        Figure figure = zdd(maven, work, "", site.folder(), "zdd-large");
        Map<String, String> env = Map.of("MAVEN_OPTS", "-Xmx512m");
        Figure limited = new Figure(String.format(Locale.ROOT, "mvn zdd:hash, %,d-file site (%.0f MB),"
                + " MAVEN_OPTS=-Xmx512m", site.stats().files(), site.stats().bytes() / 1e6), figure.command(), env,
                figure.output());
        String load = loadAverage();
        Path log = work.resolve("large.log");
        Run run = timed(limited, limited.env(), log, work.resolve("large.time"));
        if (run == null) {
            out.println("  FAILED: " + limited.label() + ", see " + log);
            return 1;
        }
        out.printf(Locale.ROOT, "  %s: %.2f s, cpu %.2f s, peak RSS %s (load average %s before)%n",
                limited.label(), run.millis() / 1000.0, run.cpuMillis() / 1000.0, run.rssKb() < 0 ? "unknown" : run.rssKb() / 1024 + " MB", load);
        SyntheticSite.deleteTree(figure.output());
        return 0;
    }

    private static Figure zdd(MavenGoal maven, Path work, String label, Path site, String name) {
        Path output = work.resolve(name + "-out");
        return new Figure(label, maven.commandLine(List.of(maven.goal("hash"), "-Dzdd.siteDirectory=" + site,
                "-Dzdd.outputDirectory=" + output, "-Dzdd.siteOrigins=" + SyntheticSite.ORIGIN)),
                // The same JVM options for every run, whatever the caller's shell has.
                Map.of("MAVEN_OPTS", ""), output);
    }

    /**
     * collectstatic with a settings module of its own: the site as the one static folder, an output folder that
     * starts empty on every run (so every file is copied, hashed and post-processed), the manifest storage.
     */
    private static Figure django(String python, Path work, String label, Path site, String name)
            throws IOException {
        Path settings = Files.createDirectories(work.resolve("django"));
        Path output = work.resolve(name + "-out");
        String module = name.replace('-', '_') + "_settings";
        Files.writeString(settings.resolve(module + ".py"), String.join("\n",
                "SECRET_KEY = 'benchmark'",
                "INSTALLED_APPS = ['django.contrib.staticfiles']",
                "STATIC_URL = '/static/'",
                "STATIC_ROOT = " + pythonString(output),
                "STATICFILES_DIRS = [" + pythonString(site) + "]",
                "STATICFILES_STORAGE = 'zdd_lenient_storage.LenientManifestStorage'",
                "USE_TZ = True", ""), StandardCharsets.UTF_8);
        Files.writeString(settings.resolve("zdd_lenient_storage.py"), LENIENT_STORAGE, StandardCharsets.UTF_8);
        return new Figure(label, List.of(python, "-m", "django", "collectstatic", "--noinput", "-v", "0"),
                Map.of("DJANGO_SETTINGS_MODULE", module, "PYTHONPATH", settings.toString()), output);
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A python that imports Django, or null (said loudly by the caller). */
    private static String djangoPython(PrintStream out) throws InterruptedException {
        for (String python : PYTHONS) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import django; print(django.get_version())")
                        .redirectErrorStream(true).start();
                String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    out.println("  Django " + version + " (" + python + ")");
                    return python;
                }
            } catch (IOException e) {
                // Not this one.
            }
        }
        return null;
    }

    /** Runs one figure after removing its output and flushing pending writes (both untimed). */
    private static Run timed(Figure figure, Map<String, String> env, Path log, Path timeFile)
            throws IOException, InterruptedException {
        SyntheticSite.deleteTree(figure.output());
        Benchmark.settle();
        List<String> command = new ArrayList<>();
        boolean measured = Files.isExecutable(TIME);
        if (measured) {
            command.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", timeFile.toString()));
        }
        command.addAll(figure.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return null;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (process.exitValue() != 0) {
            return null;
        }
        long rss = -1;
        long cpu = -1;
        if (measured) {
            List<String> lines = Files.readAllLines(timeFile);
            if (!lines.isEmpty()) {
                String[] fields = lines.get(lines.size() - 1).strip().split("\\s+");
                rss = Long.parseLong(fields[0]);
                cpu = Math.round((Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1000);
            }
        }
        return new Run(millis, cpu, rss);
    }

    private static long median(List<Run> runs) {
        return FixedCostBenchmark.median(runs.stream().map(Run::millis).toList());
    }

    /** Median CPU time (user + system, all threads and children): less swayed by the load than wall time. */
    private static long cpuMedian(List<Run> runs) {
        return FixedCostBenchmark.median(runs.stream().map(Run::cpuMillis).toList());
    }

    private static String rss(List<Run> runs) {
        long max = runs.stream().mapToLong(Run::rssKb).max().orElse(-1);
        return max < 0 ? "unknown" : max / 1024 + " MB";
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
        return String.join(" ", fields[0], fields[1], fields[2]);
    }
}
