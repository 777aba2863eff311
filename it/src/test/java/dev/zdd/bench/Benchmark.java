package dev.zdd.bench;

import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HashResult;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.hasher.HashingException;
import dev.zdd.hasher.naming.ContentDigest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * How long the hasher takes on a large synthetic site, against a floor: copying every file of the site while
 * taking its SHA-256, which any deploy that hashes content has to do at least. Then, in a second section
 * ({@link DeployBenchmark}), how long deploying the hasher's output takes over SSH, against rsync.
 *
 * <p>Settings, as system properties or as {@code key=value} arguments (arguments win; the {@code zdd.bench.}
 * prefix and leading dashes may be left out):
 * <ul>
 *   <li>{@code zdd.bench.files}: files in the site, default 10000</li>
 *   <li>{@code zdd.bench.dir}: where the sites and outputs go, default {@code target/bench}</li>
 *   <li>{@code zdd.bench.threads}: threads for both the floor and the hasher, default (or {@code auto}) the
 *       number of processors</li>
 *   <li>{@code zdd.bench.runs}: measured runs of each, default 3; the median is reported</li>
 *   <li>{@code zdd.bench.seed}: the site generator's seed</li>
 *   <li>{@code zdd.bench.hash}: run the hash section, default true; {@code zdd.bench.coldHash}: within it, time
 *       {@code mvn zdd:hash} as fresh processes beside the floor and Django ({@link ColdHashBenchmark}), default
 *       true; {@code zdd.bench.hashLargeFiles}: then hash a site of that many files under {@code -Xmx512m},
 *       default 0 (off)</li>
 *   <li>{@code zdd.bench.deploy}: run the deploy section after it ({@link DeployBenchmark}: zdd against rsync
 *       over a local sshd), default true</li>
 *   <li>{@code zdd.bench.keep}: keep the deploy section's roots under {@code <dir>/deploy}, default false</li>
 *   <li>{@code zdd.bench.app}: run the app section ({@link AppBenchmark}: blue/green switches under load through
 *       nginx), default true; {@code zdd.bench.appPairs}: deploys (and as many rollbacks) per row, default 5</li>
 *   <li>{@code zdd.bench.migrations}: run the migration lint section first ({@link MigrationBenchmark}), default
 *       true; {@code zdd.bench.squawk}: the squawk binary to compare with (default: {@code squawk} on the PATH)</li>
 *   <li>{@code zdd.bench.fixed}: run the fixed-cost section first ({@link FixedCostBenchmark}: cold {@code mvn}
 *       commands with almost nothing to do, beside {@code mvn -v}, Maven's floor {@code zdd.bench.floorGoal} and
 *       peers; {@code zdd.bench.linkChecker}: the npm link checker's binary), default true</li>
 *   <li>{@code zdd.bench.backfill}: write latency during zdd:backfill of 1,000,000 rows ({@link BackfillBenchmark}),
 *       default true</li>
 * </ul>
 *
 * <p>Both are warmed up once on a 500-file site; the site is read once so it is in the page cache; then they are
 * measured alternately. Before each run, outside the timing,
 * its output folder is deleted, pending writes are flushed ({@code sync}) and garbage is collected. MB are
 * 10<sup>6</sup> bytes.
 */
public final class Benchmark {
    private static final String PREFIX = "zdd.bench.";
    private static final int WARM_UP_FILES = 500;

    private final int threads;
    /** This build's plugin coordinates, for figures measured as a fresh mvn; null when not given. */
    private final String plugin;
    /** The hash section's output folder once its measured runs are done: the staged release the deploys use. */
    private Path hashed;
    /** Whether the hash section also times {@code mvn zdd:hash} as fresh processes ({@link ColdHashBenchmark}). */
    private boolean cold;
    /** Files of a large site hashed once more under -Xmx512m ({@code zdd.bench.hashLargeFiles}); 0 for none. */
    private int largeFiles;

    private Benchmark(int threads, String plugin) {
        this.threads = threads;
        this.plugin = plugin;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int files = Integer.parseInt(options.getOrDefault("files", "10000").trim());
        Path dir = Path.of(options.getOrDefault("dir", "target/bench").trim()).toAbsolutePath().normalize();
        String threadOption = options.getOrDefault("threads", "").trim();
        int threads = threadOption.isEmpty() || threadOption.equalsIgnoreCase("auto") || threadOption.equals("0")
                ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threadOption);
        int runs = Integer.parseInt(options.getOrDefault("runs", "3").trim());
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(SyntheticSite.DEFAULT_SEED)).trim());
        boolean hash = flag(options, "hash");
        boolean deploy = flag(options, "deploy");
        boolean check = flag(options, "check");
        boolean migrations = flag(options, "migrations");
        boolean keep = Boolean.parseBoolean(options.getOrDefault("keep", "false").trim());
        if (runs < 1 || threads < 1) {
            throw new IllegalArgumentException("runs and threads must be at least 1");
        }
        boolean app = flag(options, "app");
        boolean fixed = flag(options, "fixed");
        if (fixed && FixedCostBenchmark.run(dir, runs, options.get("plugin"), options.get("floorGoal"),
                options.get("linkChecker"), System.out) != 0) {
            System.exit(1);
        }
        if (migrations) {
            MigrationBenchmark.run(dir, runs, options.get("squawk"));
        }
        if (app) {
            AppBenchmark.run(dir, Integer.parseInt(options.getOrDefault("appPairs", "5").trim()), System.out);
        }
        if (flag(options, "backfill")) {
            BackfillBenchmark.run(dir, options.get("plugin"));
        }
        if (flag(options, "fleet")) {
            Path site = SyntheticSite.plan(files, seed).ensure(dir, threads, System.out).folder();
            if (FleetBenchmark.run(dir, site, runs, options.get("plugin"), System.out) != 0) {
                System.exit(1);
            }
        }
        if (!hash && !deploy) {
            if (check) {
                CheckBenchmark.run(dir, threads, runs);
                return;
            }
            if (fixed || migrations || app || flag(options, "backfill") || flag(options, "fleet")) {
                return;
            }
            throw new IllegalArgumentException("nothing to run: zdd.bench.hash, check, deploy, migrations and app are"
                    + " all false");
        }
        if (check) {
            CheckBenchmark.run(dir, threads, runs);
        }
        Benchmark benchmark = new Benchmark(threads, options.get("plugin"));
        benchmark.cold = flag(options, "coldHash");
        benchmark.largeFiles = Integer.parseInt(options.getOrDefault("hashLargeFiles", "0").trim());
        System.exit(benchmark.run(files, dir, runs, seed, hash, deploy, keep, System.out));
    }

    /** A switch that is on unless set to false. */
    private static boolean flag(Map<String, String> options, String name) {
        String value = options.getOrDefault(name, "true").trim();
        return value.isEmpty() || Boolean.parseBoolean(value);
    }

    private int run(int files, Path dir, int runs, long seed, boolean hash, boolean deploy, boolean keep,
                    PrintStream out) throws Exception {
        out.println(hash ? "zdd benchmark: hash" : "zdd benchmark: deploy");
        out.printf(Locale.ROOT, "  setup: %d threads, %d measured runs each, max heap %d MB, Java %s, %s%n", threads,
                runs, Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.version(), dir);
        Files.createDirectories(dir);

        SyntheticSite.Generated site = SyntheticSite.plan(files, seed).ensure(dir, threads, out);
        SyntheticSite.Stats stats = site.stats();
        out.printf(Locale.ROOT, "  site: %d files, %.1f MB (%d pages, %d css, %d js, %d maps, %d manifest,"
                        + " %d binaries)%n", stats.files(), mb(stats.bytes()), stats.pages(), stats.stylesheets(),
                stats.scripts(), stats.sourceMaps(), stats.webManifests(), stats.binaries());
        out.println(site.reused()
                ? "  generation: reused " + site.folder()
                : String.format(Locale.ROOT, "  generation: %.1f s (%s)", site.millis() / 1000.0, site.folder()));

        int status = 0;
        if (hash) {
            status = hashSection(site, dir, runs, seed, out);
            if (hashed == null) {
                return status;
            }
            if (cold) {
                status |= ColdHashBenchmark.run(dir, site, runs, plugin, largeFiles, seed, threads, out);
            }
        }
        if (deploy) {
            if (hash) {
                out.println("zdd benchmark: deploy");
            }
            status |= new DeployBenchmark(this::hash, threads, runs, seed, keep, plugin, out).run(site, dir, hashed);
        }
        return status;
    }

    /** The hash section; on success {@link #hashed} is the output of its last run. */
    private int hashSection(SyntheticSite.Generated site, Path dir, int runs, long seed, PrintStream out)
            throws IOException {
        int files = site.stats().files();
        SyntheticSite.Stats stats = site.stats();
        Path floorOut = dir.resolve("floor-out");
        Path hashOut = dir.resolve("hash-out");

        // Warm-up: let the JIT compile the hot paths of both before anything is measured.
        SyntheticSite.Generated small = SyntheticSite.plan(Math.min(WARM_UP_FILES, files), seed)
                .ensure(dir, threads, out);
        clean(floorOut);
        floor(small.folder(), floorOut);
        clean(hashOut);
        try {
            hash(small.folder(), hashOut);
        } catch (HashingException e) {
            return failed(out, "warm-up", e);
        }

        readAll(site.folder());
        resetPeaks();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long[] floorNanos = new long[runs];
        long[] hashNanos = new long[runs];
        long[] floorCpu = new long[runs];
        long[] hashCpu = new long[runs];
        HashResult last = null;
        for (int i = 0; i < runs; i++) {
            clean(floorOut);
            settle();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            floor(site.folder(), floorOut);
            floorNanos[i] = System.nanoTime() - t0;
            floorCpu[i] = cpuNanos() - c0;

            clean(hashOut);
            settle();
            long c1 = cpuNanos();
            long t1 = System.nanoTime();
            try {
                last = hash(site.folder(), hashOut);
            } catch (HashingException e) {
                return failed(out, "run " + (i + 1), e);
            }
            hashNanos[i] = System.nanoTime() - t1;
            hashCpu[i] = cpuNanos() - c1;
        }
        hashed = hashOut;
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long heapPeak = heapPeak();
        long rssPeak = rssPeak();

        double floorSeconds = median(floorNanos) / 1e9;
        double hashSeconds = median(hashNanos) / 1e9;
        HashResult.Statistics s = last.statistics();
        out.printf(Locale.ROOT, "  floor (copy + SHA-256): %.2f s, %.0f MB/s%n", floorSeconds,
                mb(stats.bytes()) / floorSeconds);
        double ratio = hashSeconds / floorSeconds;
        // A warm JVM: the breakdown. The goal (net of start-up, against the floor) is judged by the cold section.
        out.printf(Locale.ROOT, "  hash + rewrite:          %.2f s, %.0f files/s, %.0f MB/s, %.2fx floor"
                        + " (warm, in-process; the goal is judged cold, below)%n",
                hashSeconds, s.files() / hashSeconds, mb(s.bytesIn()) / hashSeconds, ratio);
        out.println("  runs (s): floor " + seconds(floorNanos) + "; hash " + seconds(hashNanos));
        if (cpuNanos() >= 0) {
            out.printf(Locale.ROOT, "  cpu time (median): floor %.2f s, hash %.2f s, %.2fx%n", median(floorCpu) / 1e9,
                    median(hashCpu) / 1e9, (double) median(hashCpu) / median(floorCpu));
        }
        out.printf(Locale.ROOT, "  files: %d published, %d hashed; %.1f MB in, %.1f MB out%n", s.files(), s.hashed(),
                mb(s.bytesIn()), mb(s.bytesOut()));
        out.printf(Locale.ROOT, "  references rewritten: %d (generator expects %d); cycles: %d (expects %d);"
                        + " warnings: %d%n", s.rewritten(), stats.expectedRewrites(), s.cycles(),
                stats.expectedCycles(), last.warnings().size());
        out.printf(Locale.ROOT, "  peak memory: heap %d MB (MemoryPoolMXBean peak), RSS %s (VmHWM)%n",
                heapPeak / (1024 * 1024), rssPeak < 0 ? "unknown" : rssPeak / (1024 * 1024) + " MB");
        if (loadBefore >= 0) {
            out.printf(Locale.ROOT, "  load average: %.2f before, %.2f after the measured runs (%d processors)%n",
                    loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        }

        List<String> problems = new ArrayList<>();
        if (s.files() != stats.files()) {
            problems.add("the hasher published " + s.files() + " files; the site has " + stats.files());
        }
        if (s.bytesIn() != stats.bytes()) {
            problems.add("the hasher read " + s.bytesIn() + " bytes; the site has " + stats.bytes());
        }
        if (s.rewritten() != stats.expectedRewrites()) {
            problems.add("references rewritten differ from what the generator wrote");
        }
        if (s.cycles() != stats.expectedCycles()) {
            problems.add("cycles differ from what the generator wrote");
        }
        if (!last.warnings().isEmpty()) {
            problems.add("the site is link-clean, yet the hasher warned; first warnings:");
            last.warnings().stream().limit(10).forEach(w -> problems.add("    " + w));
        }
        for (String problem : problems) {
            out.println("  CHECK FAILED: " + problem);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /** Copies every file of {@code site} into {@code target} while taking its SHA-256, on the same threads. */
    private void floor(Path site, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> found = Files.find(site, Integer.MAX_VALUE, (path, attrs) -> attrs.isRegularFile())) {
            files = found.toList();
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> files.parallelStream().forEach(file -> {
                try {
                    Path copy = target.resolve(site.relativize(file));
                    Files.createDirectories(copy.getParent());
                    ContentDigest.copy(file, copy);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        } finally {
            pool.shutdown();
        }
    }

    HashResult hash(Path site, Path target) throws IOException, HashingException {
        return new AssetHasher(HasherConfig.builder(site, target)
                .siteOrigins(List.of(SyntheticSite.ORIGIN))
                .threads(threads)
                .build()).run();
    }

    private static int failed(PrintStream out, String when, HashingException e) {
        out.println("  FAILED (" + when + "): the hasher threw " + e.getClass().getName() + ": " + e.getMessage());
        e.printStackTrace(out);
        return 1;
    }

    static void clean(Path folder) throws IOException {
        SyntheticSite.deleteTree(folder);
        Path parent = folder.getParent();
        // Staging folders a failed run may have left beside the output.
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.filter(p -> p.getFileName().toString()
                    .startsWith("." + folder.getFileName() + ".zdd-")).toList()) {
                SyntheticSite.deleteTree(sibling);
            }
        }
    }

    /**
     * Untimed, before each measured run: flushes pending writes (so one run's write-back does not land in the
     * next run's time) and collects garbage left by the previous run.
     */
    static void settle() {
        try {
            new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            // No sync command: runs are then noisier, not wrong.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.gc();
    }

    /** Reads every file of {@code site} once, untimed, so that no measured run is the one to fetch it from disk. */
    static void readAll(Path site) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (Stream<Path> found = Files.find(site, Integer.MAX_VALUE, (path, attrs) -> attrs.isRegularFile())) {
            for (Path file : (Iterable<Path>) found::iterator) {
                try (var in = Files.newInputStream(file)) {
                    while (in.read(buffer) > 0) {
                        // Only the page cache matters.
                    }
                }
            }
        }
    }

    /** CPU time this process has used (all threads, GC included), or -1 where the JVM does not say. */
    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        // Linux (4.0+): writing 5 to clear_refs resets VmHWM to the current RSS.
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // Not Linux or not allowed: VmHWM then covers the whole process.
        }
    }

    /** Sum of the peak use of each heap pool since {@link #resetPeaks()}. */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Peak resident set size in bytes, from {@code /proc/self/status}; -1 where there is none. */
    private static long rssPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String seconds(long[] nanos) {
        StringBuilder s = new StringBuilder();
        for (long n : nanos) {
            if (s.length() > 0) {
                s.append(" / ");
            }
            s.append(String.format(Locale.ROOT, "%.2f", n / 1e9));
        }
        return s.toString();
    }

    static double mb(long bytes) {
        return bytes / 1e6;
    }

    /** System properties {@code zdd.bench.*}, overridden by {@code key=value} arguments. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                options.put(name.substring(PREFIX.length()), System.getProperty(name));
            }
        }
        for (String arg : args) {
            String a = arg.replaceFirst("^-+(D)?", "");
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value, like files=1000; not '" + arg + "'");
            }
            String key = a.substring(0, eq);
            options.put(key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key, a.substring(eq + 1));
        }
        return options;
    }
}
