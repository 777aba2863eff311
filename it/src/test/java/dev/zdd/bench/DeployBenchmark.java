package dev.zdd.bench;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.DeployPlan;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.HashResult;
import dev.zdd.hasher.HashingException;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.testing.Exec;
import dev.zdd.testing.OpenSshServer;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long a zdd deploy over SSH takes against {@code rsync -a} of the same staged folder over the same sshd: a real
 * OpenSSH server on 127.0.0.1 (free port, generated keys), zdd's exec transport (one tar stream), rsync over
 * {@code ssh} with the same key and known_hosts.
 *
 * <ul>
 *   <li>full: the hasher's output deployed into an empty root, against {@code rsync -a} into a fresh folder;</li>
 *   <li>incremental: a second version of the site with 1% of its source files changed (images, style sheets,
 *       scripts and pages, chosen by a seeded random), hashed into a second staged folder, deployed onto the root
 *       that holds the full deploy (unchanged files are hard-linked on the server), against
 *       {@code rsync -a --link-dest=<the full rsync copy>} into a fresh folder.</li>
 * </ul>
 *
 * <p>Each is measured {@code runs} times, zdd and rsync alternately, and the medians compared; every run gets fresh
 * roots (incremental run i goes onto the roots full run i wrote). zdd's time is what {@code zdd:deploy} does:
 * connect, lock, plan (the staged folder is read meanwhile), upload, verify, swap, log, prune, unlock,
 * disconnect. A listener records {@link System#nanoTime()} at each stage, which gives the time per stage and the
 * time from "upload verified" to "current swapped".
 *
 * <p>The hasher writes every output file anew, so unchanged files of the second staged folder would have other
 * modification times than in the first, and {@code rsync --link-dest} (which links only files whose size and
 * time match) would send them all through its delta algorithm. To give rsync its best case, files whose digest
 * is the same in both manifests get the first folder's modification time (untimed; zdd does not look at times).
 */
final class DeployBenchmark {
    private static final double FULL_GOAL = 1.2;
    private static final double INCREMENTAL_GOAL = 1.0;
    /** zdd:deploy's defaults. */
    private static final int KEEP_RELEASES = 5;
    private static final int CARRY_OVER = 2;
    private static final String FULL_ID = "0001-full";
    private static final String INCREMENTAL_ID = "0002-incremental";
    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RSYNC_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final int WARM_UP_FILES = 500;
    private static final List<String> RASTERS = List.of(".jpg", ".png", ".webp", ".gif", ".avif");

    /** The hasher, as the hash section runs it. */
    @FunctionalInterface
    interface Hasher {
        HashResult hash(Path site, Path target) throws IOException, HashingException;
    }

    private final Hasher hasher;
    private final int threads;
    private final int runs;
    private final long seed;
    private final boolean keep;
    private final PrintStream out;
    private final Actor actor = new Actor("bench", "localhost", ProcessHandle.current().pid(), null, null, null);

    private final String plugin;

    /** @param plugin this build's plugin coordinates, for the figures as users pay them (fresh mvn), or null */
    DeployBenchmark(Hasher hasher, int threads, int runs, long seed, boolean keep, String plugin, PrintStream out) {
        this.plugin = plugin;
        this.hasher = hasher;
        this.threads = threads;
        this.runs = runs;
        this.seed = seed;
        this.keep = keep;
        this.out = out;
    }

    /**
     * @param site    the generated site
     * @param dir     the benchmark folder; the work goes to {@code dir/deploy}
     * @param staged1 the hasher's output for {@code site} (hashed here when null)
     * @return 0, or 1 when something failed
     */
    int run(SyntheticSite.Generated site, Path dir, Path staged1) throws IOException {
        Path work = dir.resolve("deploy");
        SyntheticSite.deleteTree(work);
        Files.createDirectories(work.resolve("roots"));
        OpenSshServer sshd = null;
        try {
            long prepared = System.nanoTime();
            HashResult first;
            if (staged1 == null) {
                staged1 = dir.resolve("hash-out");
                Benchmark.clean(staged1);
                first = hasher.hash(site.folder(), staged1);
            } else {
                first = null;
            }
            Manifest manifest1 = first != null ? first.manifest()
                    : dev.zdd.hasher.manifest.ManifestJson.read(staged1.resolve(Manifest.LOCATION));

            // The second version: 1% of the source files changed, the rest hard links to the first.
            Path site2 = work.resolve("site-v2");
            Changes changes = secondVersion(site.folder(), site2);
            Path staged2 = work.resolve("staged-v2");
            HashResult second = hasher.hash(site2, staged2);
            int aligned = alignTimes(manifest1, staged1, second.manifest(), staged2);
            Map<String, ManifestEntry> changed = new TreeMap<>();
            long differBytes = 0;
            for (Map.Entry<String, ManifestEntry> e : second.manifest().files().entrySet()) {
                ManifestEntry old = manifest1.files().get(e.getKey());
                if (old == null || !old.sha256().equals(e.getValue().sha256())) {
                    changed.put(e.getKey(), e.getValue());
                    differBytes += e.getValue().size();
                }
            }
            int differ = changed.size();

            // The warm-up site: 500 files, hashed once.
            SyntheticSite.Generated small = SyntheticSite.plan(Math.min(WARM_UP_FILES, site.stats().files()), seed)
                    .ensure(dir, threads, out);
            Path warmStaged = work.resolve("staged-warm-up");
            hasher.hash(small.folder(), warmStaged);

            // sshj logs through SLF4J, which has no provider here: silence its notice about that.
            System.setProperty("slf4j.internal.verbosity", "ERROR");
            sshd = OpenSshServer.start(work.resolve("sshd"));
            Ssh ssh = new Ssh(sshd.user(), sshd.port(), sshd.clientKey(), sshd.knownHosts());
            String sshVersion = firstLine(Exec.run(TOOL_TIMEOUT, "ssh", "-V").stderr());
            String rsyncVersion = firstLine(Exec.run(TOOL_TIMEOUT, "rsync", "--version").ok())
                    .replaceFirst("\\s+protocol.*", "").replaceAll("\\s+", " ");
            out.printf(Locale.ROOT, "  sshd: %s, user %s; zdd: exec transport (one tar stream); %s over %s%n",
                    sshd.host() + ":" + sshd.port(), sshd.user(), rsyncVersion, sshVersion);
            out.printf(Locale.ROOT, "  staged v1: %s (%d files, %.1f MB)%n", staged1, manifest1.files().size(),
                    Benchmark.mb(manifest1.totalSize()));
            out.printf(Locale.ROOT, "  staged v2: %s (%d files, %.1f MB); %d source files changed (%d images,"
                            + " %d css, %d js, %d pages), %d files (%.1f MB) differ from v1 after hashing; %d"
                            + " unchanged keep v1's mtimes (for rsync --link-dest)%n", staged2,
                    second.manifest().files().size(),
                    Benchmark.mb(second.manifest().totalSize()), changes.total(), changes.images(),
                    changes.stylesheets(), changes.scripts(), changes.pages(), differ, Benchmark.mb(differBytes),
                    aligned);
            out.printf(Locale.ROOT, "  preparation (untimed): %.1f s%n", (System.nanoTime() - prepared) / 1e9);

            // Warm-up: a full and a no-change deploy, and both rsyncs, of the small site.
            Path roots = work.resolve("roots");
            Path warmZdd = roots.resolve("warm-up-zdd");
            zdd(ssh, warmStaged, warmZdd, FULL_ID);
            zdd(ssh, warmStaged, warmZdd, INCREMENTAL_ID);
            rsync(ssh, warmStaged, roots.resolve("warm-up-rsync"), null);
            rsync(ssh, warmStaged, roots.resolve("warm-up-rsync-2"), roots.resolve("warm-up-rsync"));

            Benchmark.readAll(staged1);
            Benchmark.readAll(staged2);
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            List<ZddRun> zddFull = new ArrayList<>();
            List<ZddRun> zddIncremental = new ArrayList<>();
            long[] rsyncFull = new long[runs];
            long[] rsyncIncremental = new long[runs];
            for (int i = 1; i <= runs; i++) {
                Benchmark.settle();
                zddFull.add(zdd(ssh, staged1, roots.resolve("zdd-" + i), FULL_ID));
                Benchmark.settle();
                rsyncFull[i - 1] = rsync(ssh, staged1, roots.resolve("rsync-full-" + i), null);
            }
            for (int i = 1; i <= runs; i++) {
                Benchmark.settle();
                zddIncremental.add(zdd(ssh, staged2, roots.resolve("zdd-" + i), INCREMENTAL_ID));
                Benchmark.settle();
                rsyncIncremental[i - 1] = rsync(ssh, staged2, roots.resolve("rsync-incremental-" + i),
                        roots.resolve("rsync-full-" + i));
            }

            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            report("full (empty root)", zddFull, rsyncFull, "rsync -a", FULL_GOAL);
            report("incremental (1% of sources changed)", zddIncremental, rsyncIncremental, "rsync -a --link-dest",
                    INCREMENTAL_GOAL);
            out.printf(Locale.ROOT, "  upload verified -> current swapped (median): full %.1f ms, incremental"
                            + " %.1f ms%n", medianMillis(zddFull, r -> r.between(Stage.VERIFIED, Stage.PUBLISHED)),
                    medianMillis(zddIncremental, r -> r.between(Stage.VERIFIED, Stage.PUBLISHED)));
            stages("full", zddFull);
            stages("incremental", zddIncremental);
            if (loadBefore >= 0) {
                out.printf(Locale.ROOT, "  load average: %.2f before, %.2f after the measured runs (%d processors)%n",
                        loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
            }

            List<String> problems = check(roots, zddFull.get(runs - 1).plan(), zddIncremental.get(runs - 1).plan(),
                    changed);
            problems.addAll(asUsersRunIt(work, ssh, staged1, staged2));
            for (ZddRun r : zddFull) {
                r.warnings().forEach(w -> out.println("  zdd warned: " + w));
            }
            for (ZddRun r : zddIncremental) {
                r.warnings().forEach(w -> out.println("  zdd warned: " + w));
            }
            for (String problem : problems) {
                out.println("  CHECK FAILED: " + problem);
            }
            return problems.isEmpty() ? 0 : 1;
        } catch (IOException | HashingException | DeployException | RuntimeException e) {
            out.println("  FAILED: " + e);
            e.printStackTrace(out);
            if (sshd != null) {
                String log = sshd.log();
                out.println("  sshd log (end):\n" + log.substring(Math.max(0, log.length() - 4000)));
            }
            return 1;
        } finally {
            if (sshd != null) {
                sshd.close();
            }
            if (keep) {
                out.println("  kept " + work + " (zdd.bench.keep)");
            } else {
                long started = System.nanoTime();
                SyntheticSite.deleteTree(work);
                out.printf(Locale.ROOT, "  cleanup: deleted %s (%.1f s)%n", work, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- measuring

    private record Ssh(String user, int port, Path key, Path knownHosts) {
        String command() {
            return "ssh -i " + quote(key) + " -p " + port + " -o UserKnownHostsFile=" + quote(knownHosts)
                    + " -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes";
        }

        SshTarget target(Path root) {
            return new SshTarget(user, "127.0.0.1", port, root.toString());
        }

        private static String quote(Path path) {
            String s = path.toString();
            return s.matches("[A-Za-z0-9_./+=:@,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
        }
    }

    /**
     * The same comparison as users pay it: {@code mvn zdd:deploy} as a fresh process per run, interleaved with
     * rsync, and zdd's fixed cost ({@code zdd:releases} on an empty root over the same sshd, also fresh) to net out.
     * The in-process figures above are the breakdown. Each zdd command runs three times more per round with the
     * README's JVM options for cold commands ({@link FastStart}: the archive alone, with the JIT's first tier only,
     * and with the first tier but the JDK's crypto at the second), each archive written by an untimed first run of
     * its own.
     *
     * @return problems found (a failed command)
     */
    private List<String> asUsersRunIt(Path work, Ssh ssh, Path staged1, Path staged2) throws IOException {
        List<String> problems = new ArrayList<>();
        MavenGoal maven;
        try {
            maven = MavenGoal.find(plugin, work.resolve("mvn"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
        if (maven == null) {
            out.println("  (no fresh-process figures: the plugin is not built here)");
            return problems;
        }
        Path roots = work.resolve("command-roots");
        Files.createDirectories(roots);
        List<String> login = List.of("zdd.privateKey=" + ssh.key(), "zdd.knownHosts=" + ssh.knownHosts());
        long[] fixed = new long[runs];
        long[] full = new long[runs];
        long[] incremental = new long[runs];
        long[] rsyncFull = new long[runs];
        long[] rsyncIncremental = new long[runs];
        List<FastRuns> fast = new ArrayList<>();
        for (FastStart.Jit jit : FastStart.Jit.values()) {
            fast.add(new FastRuns(work, jit, runs));
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        // Untimed: the first fresh process of a kind reads the plugin's jars from disk; the first run of each
        // command with the fast start writes its archive.
        command(maven, work, "releases", target(ssh, Files.createDirectories(roots.resolve("warm-up"))), login,
                problems);
        for (FastRuns f : fast) {
            command(maven, work, "releases", target(ssh, roots.resolve("warm-up")), login, f.fixed.first(),
                    problems);
            Path trainingRoot = Files.createDirectories(roots.resolve("fast-warm-up-" + f.name));
            command(maven, work, "deploy", target(ssh, trainingRoot), plus(login, "zdd.stagedDirectory=" + staged1,
                    "zdd.release=" + FULL_ID), f.full.first(), problems);
            command(maven, work, "deploy", target(ssh, trainingRoot), plus(login, "zdd.stagedDirectory=" + staged2,
                    "zdd.release=" + INCREMENTAL_ID), f.incremental.first(), problems);
        }
        for (int i = 0; i < runs && problems.isEmpty(); i++) {
            Path root = Files.createDirectories(roots.resolve("zdd-" + i));
            Benchmark.settle();
            fixed[i] = command(maven, work, "releases", target(ssh, Files.createDirectories(roots.resolve("empty-"
                    + i))), login, problems);
            Benchmark.settle();
            full[i] = command(maven, work, "deploy", target(ssh, root), plus(login, "zdd.stagedDirectory=" + staged1,
                    "zdd.release=" + FULL_ID), problems);
            Benchmark.settle();
            rsyncFull[i] = rsync(ssh, staged1, roots.resolve("rsync-full-" + i), null);
            Benchmark.settle();
            incremental[i] = command(maven, work, "deploy", target(ssh, root), plus(login, "zdd.stagedDirectory="
                    + staged2, "zdd.release=" + INCREMENTAL_ID), problems);
            Benchmark.settle();
            rsyncIncremental[i] = rsync(ssh, staged2, roots.resolve("rsync-incremental-" + i),
                    roots.resolve("rsync-full-" + i));
            for (FastRuns f : fast) {
                Path fastRoot = Files.createDirectories(roots.resolve("fast-" + f.name + "-" + i));
                Benchmark.settle();
                f.fixedNanos[i] = command(maven, work, "releases", target(ssh, Files.createDirectories(roots.resolve(
                        "fast-empty-" + f.name + "-" + i))), login, f.fixed.later(), problems);
                Benchmark.settle();
                f.fullNanos[i] = command(maven, work, "deploy", target(ssh, fastRoot), plus(login,
                        "zdd.stagedDirectory=" + staged1, "zdd.release=" + FULL_ID), f.full.later(), problems);
                Benchmark.settle();
                f.incrementalNanos[i] = command(maven, work, "deploy", target(ssh, fastRoot), plus(login,
                        "zdd.stagedDirectory=" + staged2, "zdd.release=" + INCREMENTAL_ID), f.incremental.later(),
                        problems);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        double fixedSeconds = Benchmark.median(fixed) / 1e9;
        out.printf(Locale.ROOT, "  as users run it (fresh mvn per run, interleaved with rsync, median of %d):%n", runs);
        out.printf(Locale.ROOT, "    fixed cost (zdd:releases on an empty root over SSH): %.2f s (runs %s)%n",
                fixedSeconds, Benchmark.seconds(fixed));
        commandFigure("full (empty root)", full, rsyncFull, "rsync -a", fixedSeconds, FULL_GOAL);
        commandFigure("incremental (1% of sources changed)", incremental, rsyncIncremental, "rsync -a --link-dest",
                fixedSeconds, INCREMENTAL_GOAL);
        for (FastRuns f : fast) {
            double fastFixedSeconds = Benchmark.median(f.fixedNanos) / 1e9;
            out.printf(Locale.ROOT, "    %s, same rounds: fixed cost %.2f s (runs %s)%n", f.full.label(),
                    fastFixedSeconds, Benchmark.seconds(f.fixedNanos));
            commandFigure("  full (empty root)", f.fullNanos, rsyncFull, "rsync -a", fastFixedSeconds, FULL_GOAL);
            commandFigure("  incremental (1% of sources changed)", f.incrementalNanos, rsyncIncremental,
                    "rsync -a --link-dest", fastFixedSeconds, INCREMENTAL_GOAL);
        }
        out.printf(Locale.ROOT, "    load average: %s before, %s after%n", loadBefore,
                Files.readString(Path.of("/proc/loadavg")).strip());
        return problems;
    }

    /** One flavour of the README's options for cold commands: an archive per command, and its runs' times. */
    private static final class FastRuns {
        final String name;
        final FastStart fixed;
        final FastStart full;
        final FastStart incremental;
        final long[] fixedNanos;
        final long[] fullNanos;
        final long[] incrementalNanos;

        FastRuns(Path work, FastStart.Jit jit, int runs) throws IOException {
            name = jit.name().toLowerCase(Locale.ROOT);
            fixed = FastStart.in(work, "releases", jit);
            full = FastStart.in(work, "deploy-full", jit);
            incremental = FastStart.in(work, "deploy-incremental", jit);
            fixedNanos = new long[runs];
            fullNanos = new long[runs];
            incrementalNanos = new long[runs];
        }
    }

    private void commandFigure(String title, long[] zdd, long[] rsync, String rsyncName, double fixedSeconds,
                               double goal) {
        double zddSeconds = Benchmark.median(zdd) / 1e9;
        double rsyncSeconds = Benchmark.median(rsync) / 1e9;
        double net = (zddSeconds - fixedSeconds) / rsyncSeconds;
        out.printf(Locale.ROOT, "    %s: zdd:deploy %.2f s (runs %s), %s %.2f s (runs %s): %.2fx as whole commands,"
                        + " %.2fx net of zdd's fixed cost (goal <= %.1fx net: %s)%n", title, zddSeconds,
                Benchmark.seconds(zdd), rsyncName, rsyncSeconds, Benchmark.seconds(rsync), zddSeconds / rsyncSeconds,
                net, goal, net <= goal ? "MET" : "NOT MET");
    }

    /** Runs one goal as a fresh {@code mvn}; returns its nanoseconds, or 0 with the failure added to problems. */
    private static long command(MavenGoal maven, Path work, String goal, String target, List<String> properties,
                                List<String> problems) throws IOException {
        return command(maven, work, goal, target, properties, null, problems);
    }

    /** The same with {@code mavenOpts} as MAVEN_OPTS (null: the caller's). */
    private static long command(MavenGoal maven, Path work, String goal, String target, List<String> properties,
                                String mavenOpts, List<String> problems) throws IOException {
        Path log = work.resolve("mvn-" + goal + "-" + System.nanoTime() + ".log");
        long start = System.nanoTime();
        try {
            Process process = maven.start(work, goal, plus(properties, "zdd.target=" + target), mavenOpts, log);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                problems.add("mvn zdd:" + goal + " failed, see " + log);
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
            return 0;
        }
        return System.nanoTime() - start;
    }

    private static String target(Ssh ssh, Path root) {
        return "ssh://" + ssh.user() + "@127.0.0.1:" + ssh.port() + root;
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    /** One timed zdd deploy: nanoTime marks and what the engine reported. */
    private record ZddRun(long start, long connected, Map<Stage, Long> at, long deployed, long end,
                          DeployPlan plan, List<String> warnings) {
        long total() {
            return end - start;
        }

        long between(Stage from, Stage to) {
            return at.get(to) - at.get(from);
        }
    }

    /** Records when each stage was reached. */
    private static final class Recorder implements DeployListener {
        final Map<Stage, Long> at = new EnumMap<>(Stage.class);
        final List<String> warnings = new ArrayList<>();
        String failure;

        @Override
        public void stage(Stage stage, String detail) {
            at.put(stage, System.nanoTime());
            if (stage == Stage.FAILED) {
                failure = detail;
            }
        }

        @Override
        public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
        }

        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    }

    private ZddRun zdd(Ssh ssh, Path staged, Path root, String id) throws IOException, DeployException {
        Recorder recorder = new Recorder();
        DeployOptions options = new DeployOptions(id, KEEP_RELEASES, CARRY_OVER, Duration.ofMinutes(30),
                Duration.ZERO, false);
        List<String> connectWarnings = new ArrayList<>();
        long start = System.nanoTime();
        long connected;
        long deployed;
        DeployPlan plan;
        // As zdd:deploy does it: the staged folder is read while the engine connects and reads the server's state.
        StagedRelease.Reading reading = StagedRelease.readInBackground(staged);
        try (Transport transport = SshConnector.connect(ssh.target(root), new SshSettings(ssh.key(), null, null,
                ssh.knownHosts(), false, false, SSH_TIMEOUT), connectWarnings::add)) {
            connected = System.nanoTime();
            plan = new Deployer(transport, new DeployLayout(root.toString()), actor, recorder)
                    .deploy(reading, options);
            deployed = System.nanoTime();
        }
        long end = System.nanoTime();
        List<String> warnings = new ArrayList<>(connectWarnings);
        warnings.addAll(recorder.warnings);
        return new ZddRun(start, connected, Collections.unmodifiableMap(recorder.at), deployed, end, plan,
                warnings);
    }

    /** {@code rsync -a [--link-dest=<linkDest>] <staged>/ <user>@127.0.0.1:<dest>/}; returns the nanoseconds taken. */
    private static long rsync(Ssh ssh, Path staged, Path dest, Path linkDest) throws IOException {
        List<String> command = new ArrayList<>(List.of("rsync", "-a"));
        if (linkDest != null) {
            command.add("--link-dest=" + linkDest);
        }
        command.addAll(List.of("-e", ssh.command(), staged + "/", ssh.user() + "@127.0.0.1:" + dest + "/"));
        long start = System.nanoTime();
        Exec.Result result = Exec.run(RSYNC_TIMEOUT, command.toArray(String[]::new));
        long nanos = System.nanoTime() - start;
        if (result.exitCode() != 0) {
            throw new IOException(result.toString());
        }
        return nanos;
    }

    // ---------------------------------------------------------------------------------------------- reporting

    private void report(String title, List<ZddRun> zdd, long[] rsync, String rsyncName, double goal) {
        long[] zddNanos = zdd.stream().mapToLong(ZddRun::total).toArray();
        double zddSeconds = Benchmark.median(zddNanos) / 1e9;
        double rsyncSeconds = Benchmark.median(rsync) / 1e9;
        double ratio = zddSeconds / rsyncSeconds;
        DeployPlan plan = zdd.get(zdd.size() - 1).plan();
        out.printf(Locale.ROOT, "  %s, median of %d:%n", title, rsync.length);
        out.printf(Locale.ROOT, "    zdd:   %6.2f s (runs %s); %d files sent, %d linked, %d carried over;"
                        + " bytes sent %d (%.1f MB)%n", zddSeconds, Benchmark.seconds(zddNanos), plan.send().size(),
                plan.reuse().size(), plan.carryOver().size(), plan.bytesToSend(), Benchmark.mb(plan.bytesToSend()));
        out.printf(Locale.ROOT, "    %-6s %6.2f s (runs %s) [%s]%n", "rsync:", rsyncSeconds, Benchmark.seconds(rsync),
                rsyncName);
        out.printf(Locale.ROOT, "    zdd / rsync: %.2fx (goal <= %.1fx)%s%n", ratio, goal,
                ratio <= goal ? "" : "  ABOVE GOAL");
    }

    private void stages(String title, List<ZddRun> zdd) {
        Map<String, java.util.function.ToLongFunction<ZddRun>> phases = new LinkedHashMap<>();
        phases.put("connect", r -> r.connected() - r.start());
        phases.put("lock", r -> r.at().get(Stage.LOCKED) - r.connected());
        phases.put("plan", r -> r.between(Stage.LOCKED, Stage.PLANNED));
        phases.put("upload", r -> r.between(Stage.PLANNED, Stage.UPLOADED));
        phases.put("verify", r -> r.between(Stage.UPLOADED, Stage.VERIFIED));
        phases.put("swap", r -> r.between(Stage.VERIFIED, Stage.PUBLISHED));
        phases.put("log", r -> r.between(Stage.PUBLISHED, Stage.LOGGED));
        phases.put("prune", r -> r.between(Stage.LOGGED, Stage.PRUNED));
        phases.put("unlock", r -> r.deployed() - r.at().get(Stage.FINISHED));
        phases.put("disconnect", r -> r.end() - r.deployed());
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, java.util.function.ToLongFunction<ZddRun>> phase : phases.entrySet()) {
            line.append(line.length() == 0 ? "" : ", ").append(phase.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f", medianMillis(zdd, phase.getValue())));
        }
        out.println("  zdd stages, " + title + " (median ms): " + line);
    }

    private static double medianMillis(List<ZddRun> runs, java.util.function.ToLongFunction<ZddRun> f) {
        return Benchmark.median(runs.stream().mapToLong(f).toArray()) / 1e6;
    }

    /**
     * The last run's trees: zdd's releases hold the files rsync copied, with the same sizes (plus the carried-over
     * ones); the incremental releases share inodes with the full ones where the content did not change.
     */
    private List<String> check(Path roots, DeployPlan full, DeployPlan incremental,
                               Map<String, ManifestEntry> changed) throws IOException {
        List<String> problems = new ArrayList<>();
        Path zddRoot = roots.resolve("zdd-" + runs);
        Path zddFull = zddRoot.resolve("releases").resolve(FULL_ID);
        Path zddIncremental = zddRoot.resolve("releases").resolve(INCREMENTAL_ID);
        Path rsyncFull = roots.resolve("rsync-full-" + runs);
        Path rsyncIncremental = roots.resolve("rsync-incremental-" + runs);
        String current = Files.readSymbolicLink(zddRoot.resolve("current")).toString();
        if (!current.equals("releases/" + INCREMENTAL_ID)) {
            problems.add(zddRoot.resolve("current") + " points at " + current);
        }
        Map<String, Long> a = sizes(zddFull);
        Map<String, Long> b = sizes(rsyncFull);
        if (!a.equals(b)) {
            problems.add("the full zdd release (" + a.size() + " files) differs from the rsync copy (" + b.size()
                    + " files)");
        }
        Map<String, Long> c = sizes(zddIncremental);
        Map<String, Long> d = sizes(rsyncIncremental);
        Map<String, Long> carried = new TreeMap<>(c);
        carried.keySet().removeAll(d.keySet());
        Map<String, Long> common = new TreeMap<>(c);
        common.keySet().retainAll(d.keySet());
        if (!common.equals(d) || carried.size() != incremental.carryOver().size()) {
            problems.add("the incremental zdd release (" + c.size() + " files, " + incremental.carryOver().size()
                    + " carried over) differs from the rsync copy (" + d.size() + " files)");
        }
        // Sizes miss a changed file of the same size: compare what changed with the manifest's digests.
        for (Map.Entry<String, ManifestEntry> e : changed.entrySet()) {
            for (Path tree : List.of(zddIncremental, rsyncIncremental)) {
                String digest = sha256(tree.resolve(e.getKey()));
                if (!digest.equals(e.getValue().sha256())) {
                    problems.add(tree.resolve(e.getKey()) + " has SHA-256 " + digest + ", the manifest says "
                            + e.getValue().sha256());
                }
            }
        }
        int zddLinked = linked(zddIncremental, zddFull, d.keySet());
        int rsyncLinked = linked(rsyncIncremental, rsyncFull, d.keySet());
        out.printf(Locale.ROOT, "  check (last run): trees match rsync's (sizes, digests of changed files%s);"
                        + " hard links to the full"
                        + " deploy: zdd %d, rsync %d of %d files (zdd planned %d linked + %d carried over)%n",
                problems.isEmpty() ? "" : ": NO", zddLinked, rsyncLinked, d.size(), incremental.reuse().size(),
                incremental.carryOver().size());
        if (zddLinked < incremental.reuse().size()) {
            problems.add("zdd linked " + zddLinked + " files, planned " + incremental.reuse().size());
        }
        if (full.liveId() != null) {
            problems.add("the full deploy found a live release " + full.liveId() + " in an empty root");
        }
        return problems;
    }

    /** Sizes of the regular files under {@code root}, by relative path, without {@code .zdd/}. */
    private static Map<String, Long> sizes(Path root) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String path = relative(root, file);
                if (attrs.isRegularFile() && !path.startsWith(".zdd/")) {
                    sizes.put(path, attrs.size());
                }
            }
        }
        return sizes;
    }

    /** How many of {@code paths} are the same inode under {@code a} and {@code b}. */
    private static int linked(Path a, Path b, Iterable<String> paths) throws IOException {
        int linked = 0;
        for (String path : paths) {
            Path other = b.resolve(path);
            if (Files.exists(other, LinkOption.NOFOLLOW_LINKS)) {
                Object k1 = Files.readAttributes(a.resolve(path), BasicFileAttributes.class).fileKey();
                Object k2 = Files.readAttributes(other, BasicFileAttributes.class).fileKey();
                if (k1 != null && Objects.equals(k1, k2)) {
                    linked++;
                }
            }
        }
        return linked;
    }

    private static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    // ---------------------------------------------------------------------------------------------- version 2

    private record Changes(int images, int stylesheets, int scripts, int pages) {
        int total() {
            return images + stylesheets + scripts + pages;
        }
    }

    /**
     * Writes the site's second version into {@code target}: 1% of its files (at least 4), 40% of them images, 20%
     * style sheets, 20% scripts and 20% pages, picked by a random seeded from the site's seed, get new content
     * (other bytes in images, a new rule, statement or paragraph in text, no new URL); every other file is a hard
     * link to the first version's.
     */
    Changes secondVersion(Path site, Path target) throws IOException {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> files = Files.find(site, Integer.MAX_VALUE, (p, attrs) -> attrs.isRegularFile())) {
            files.forEach(p -> paths.add(relative(site, p)));
        }
        Collections.sort(paths);
        int wanted = Math.max(4, (int) Math.round(paths.size() / 100.0));
        int stylesheets = wanted / 5;
        int scripts = wanted / 5;
        int pages = wanted / 5;
        int images = wanted - stylesheets - scripts - pages;
        SplittableRandom random = new SplittableRandom(seed ^ 0x7a6464L);
        Map<String, Kind> chosen = new TreeMap<>();
        pick(paths, p -> RASTERS.stream().anyMatch(p::endsWith), images, Kind.IMAGE, random, chosen);
        pick(paths, p -> p.endsWith(".css"), stylesheets, Kind.STYLESHEET, random, chosen);
        pick(paths, p -> p.endsWith(".js"), scripts, Kind.SCRIPT, random, chosen);
        pick(paths, p -> p.endsWith(".html"), pages, Kind.PAGE, random, chosen);

        Files.createDirectories(target);
        int[] counts = new int[Kind.values().length];
        for (String path : paths) {
            Path from = site.resolve(path);
            Path to = target.resolve(path);
            Files.createDirectories(to.getParent());
            Kind kind = chosen.get(path);
            if (kind == null) {
                try {
                    Files.createLink(to, from);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(from, to);
                }
                continue;
            }
            counts[kind.ordinal()]++;
            byte[] bytes = Files.readAllBytes(from);
            SplittableRandom r = new SplittableRandom(seed ^ path.hashCode());
            Files.write(to, switch (kind) {
                case IMAGE -> {
                    // Other bytes after the magic number, same size.
                    for (int i = 16; i < Math.min(bytes.length, 16 + 4096); i++) {
                        bytes[i] ^= (byte) (1 + r.nextInt(255));
                    }
                    yield bytes;
                }
                case STYLESHEET -> insert(bytes, "/*# sourceMappingURL", ".zdd-bench-v2-" + r.nextInt(1_000_000)
                        + "{opacity:.5;margin:0 auto}\n");
                case SCRIPT -> insert(bytes, "//# sourceMappingURL", "window.zddBenchV2=" + r.nextInt(1_000_000)
                        + ";\n");
                case PAGE -> insert(bytes, "</body>", "<p>Updated in version 2 (" + r.nextInt(1_000_000)
                        + ").</p>\n");
            });
        }
        return new Changes(counts[Kind.IMAGE.ordinal()], counts[Kind.STYLESHEET.ordinal()],
                counts[Kind.SCRIPT.ordinal()], counts[Kind.PAGE.ordinal()]);
    }

    private enum Kind { IMAGE, STYLESHEET, SCRIPT, PAGE }

    private static void pick(List<String> paths, java.util.function.Predicate<String> filter, int count, Kind kind,
                             SplittableRandom random, Map<String, Kind> chosen) {
        List<String> candidates = new ArrayList<>(paths.stream().filter(filter).toList());
        for (int i = 0; i < Math.min(count, candidates.size()); i++) {
            Collections.swap(candidates, i, i + random.nextInt(candidates.size() - i));
            chosen.put(candidates.get(i), kind);
        }
    }

    /** {@code text} inserted before the last {@code marker} in {@code bytes} (UTF-8), or at the end. */
    private static byte[] insert(byte[] bytes, String marker, String text) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        int at = s.lastIndexOf(marker);
        return (at < 0 ? s + text : s.substring(0, at) + text + s.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Gives each file of {@code staged2} whose digest is the same as in {@code staged1} the modification time it has
     * there, as a build that keeps unchanged outputs would, and each changed one a time a minute later than there
     * (both folders may be written within the same second, and rsync would take a changed file of the same size and
     * time for unchanged); returns how many files are unchanged.
     */
    private static int alignTimes(Manifest manifest1, Path staged1, Manifest manifest2, Path staged2)
            throws IOException {
        int aligned = 0;
        for (Map.Entry<String, ManifestEntry> e : manifest2.files().entrySet()) {
            ManifestEntry old = manifest1.files().get(e.getKey());
            if (old == null) {
                continue;
            }
            FileTime before = Files.getLastModifiedTime(staged1.resolve(e.getKey()));
            if (old.sha256().equals(e.getValue().sha256()) && old.size() == e.getValue().size()) {
                Files.setLastModifiedTime(staged2.resolve(e.getKey()), before);
                aligned++;
            } else {
                Files.setLastModifiedTime(staged2.resolve(e.getKey()),
                        FileTime.fromMillis(before.toMillis() + 60_000));
            }
        }
        return aligned;
    }
}
