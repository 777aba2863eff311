package dev.zdd.bench;

import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.testing.OpenSshServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fleet deploy as users run it: {@code mvn zdd:deploy} in a fresh process, to 1, 2 and 3 real sshds (each its own
 * deploy root) in turn, several runs each, interleaved; the medians, and the spread between the first and the last
 * host's switch as the deploy logs it. Goal: 3 hosts cost at most 1.5 times one host, all switches within 100 ms.
 */
final class FleetBenchmark {
    private static final Pattern SPREAD = Pattern.compile("all (\\d+) hosts switched to \\S+ within (\\d+) ms");
    private static final int HOSTS = 3;

    private FleetBenchmark() {
    }

    static int run(Path dir, Path site, int runs, String plugin, PrintStream out) throws Exception {
        out.println("zdd benchmark: fleet (zdd:deploy to 1, 2 and 3 hosts over loopback SSH, fresh mvn each)");
        Path work = dir.resolve("fleet");
        deleteTree(work);
        Files.createDirectories(work);
        MavenGoal maven = MavenGoal.find(plugin, work);
        if (maven == null) {
            out.println("  skipped: the fleet figure is only meaningful as a fresh mvn process");
            return 0;
        }
        Path staged = work.resolve("staged");
        new AssetHasher(HasherConfig.builder(site, staged).build()).run();
        List<OpenSshServer> sshds = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                sshds.add(OpenSshServer.start(work.resolve("sshd-" + i)));
            }
            // One key and one known_hosts for the whole fleet, as a user has.
            Path key = sshds.get(0).clientKey();
            String publicKey = Files.readString(key.resolveSibling(key.getFileName() + ".pub"));
            StringBuilder known = new StringBuilder();
            for (OpenSshServer sshd : sshds) {
                Files.writeString(sshd.clientKey().resolveSibling("authorized_keys"), publicKey,
                        StandardOpenOption.APPEND);
                known.append(Files.readString(sshd.knownHosts()));
            }
            Path knownHosts = Files.writeString(work.resolve("known_hosts"), known.toString());
            List<List<Long>> millis = new ArrayList<>();
            List<List<Long>> spreads = new ArrayList<>();
            List<List<Long>> cpus = new ArrayList<>();
            List<List<Long>> serverCpus = new ArrayList<>();
            for (int n = 0; n < HOSTS; n++) {
                millis.add(new ArrayList<>());
                spreads.add(new ArrayList<>());
                cpus.add(new ArrayList<>());
                serverCpus.add(new ArrayList<>());
            }
            ChildCpu cpu = ChildCpu.open();
            for (int run = 0; run < runs; run++) {
                for (int n = 1; n <= HOSTS; n++) {
                    List<String> targets = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        Path root = work.resolve("roots/run" + run + "-n" + n + "-host" + i);
                        Files.createDirectories(root);
                        targets.add("ssh://" + sshds.get(i).user() + "@127.0.0.1:" + sshds.get(i).port() + root);
                    }
                    Path log = work.resolve("deploy-run" + run + "-n" + n + ".log");
                    long cpuBefore = cpu(cpu, sshds);
                    long serverBefore = serverCpu(cpu, sshds);
                    long started = System.nanoTime();
                    Process process = maven.start(work, "deploy", List.of("zdd.target=" + String.join(",", targets),
                            "zdd.stagedDirectory=" + staged, "zdd.privateKey=" + key, "zdd.knownHosts=" + knownHosts,
                            "zdd.release=r" + run + "n" + n), log);
                    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                        out.println("  FAILED: deploy to " + n + " host(s), see " + log);
                        return 1;
                    }
                    millis.get(n - 1).add((System.nanoTime() - started) / 1_000_000);
                    // The sshd listeners reap their sessions a moment after the client has gone.
                    Thread.sleep(300);
                    cpus.get(n - 1).add(cpu(cpu, sshds) - cpuBefore);
                    serverCpus.get(n - 1).add(serverCpu(cpu, sshds) - serverBefore);
                    if (n > 1) {
                        Matcher m = SPREAD.matcher(Files.readString(log));
                        if (!m.find()) {
                            out.println("  FAILED: no switch spread in " + log);
                            return 1;
                        }
                        spreads.get(n - 1).add(Long.parseLong(m.group(2)));
                    }
                    deleteTree(work.resolve("roots"));
                }
            }
            long one = median(millis.get(0));
            for (int n = 1; n <= HOSTS; n++) {
                long med = median(millis.get(n - 1));
                out.printf(Locale.ROOT, "  %d host(s): median %.2f s as a whole command (%s)%s%n", n, med / 1000.0,
                        millis.get(n - 1).stream().map(ms -> String.format(Locale.ROOT, "%.2f", ms / 1000.0))
                                .collect(Collectors.joining(", ")),
                        n == 1 ? "" : String.format(Locale.ROOT, "; %.2fx one host; switches within median %d ms"
                                + " (max %d)", med / (double) one, median(spreads.get(n - 1)),
                                Collections.max(spreads.get(n - 1))));
            }
            int cores = Runtime.getRuntime().availableProcessors();
            for (int n = 1; n <= HOSTS; n++) {
                long used = median(cpus.get(n - 1));
                out.printf(Locale.ROOT, "  %d host(s): CPU used by mvn and the sshd sessions, median %.2f s (sshd"
                                + " sessions %.2f s); on %d cores no schedule beats %.2f s, and the run took %.2fx that%n",
                        n, used / 1000.0, median(serverCpus.get(n - 1)) / 1000.0, cores, used / 1000.0 / cores,
                        median(millis.get(n - 1)) / (used / (double) cores));
            }
            double ratio = median(millis.get(HOSTS - 1)) / (double) one;
            long spread = Collections.max(spreads.get(HOSTS - 1));
            out.printf(Locale.ROOT, "  goal: %d hosts <= 1.5x one host: %.2fx %s; all switches within 100 ms: max %d ms"
                    + " %s; load average %s%n", HOSTS, ratio, ratio <= 1.5 ? "MET" : "NOT MET", spread,
                    spread <= 100 ? "MET" : "NOT MET", Files.readString(Path.of("/proc/loadavg")).strip());
            return 0;
        } finally {
            sshds.forEach(OpenSshServer::close);
        }
    }

    /** CPU milliseconds this JVM's finished mvn processes and every sshd's finished sessions used so far. */
    private static long cpu(ChildCpu cpu, List<OpenSshServer> sshds) throws IOException {
        return cpu.childMillis(ProcessHandle.current().pid()) + serverCpu(cpu, sshds);
    }

    /** CPU milliseconds every sshd's finished sessions used so far (the servers' share). */
    private static long serverCpu(ChildCpu cpu, List<OpenSshServer> sshds) throws IOException {
        long total = 0;
        for (OpenSshServer sshd : sshds) {
            total += cpu.childMillis(sshd.pid());
        }
        return total;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
