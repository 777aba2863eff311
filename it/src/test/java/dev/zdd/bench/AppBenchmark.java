package dev.zdd.bench;

import dev.zdd.deploy.app.AppSettings;
import dev.zdd.it.AppStage;
import dev.zdd.it.LoadGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Blue/green switches of a real app ({@code DemoApp}) over a real sshd, behind a real nginx, under continuous load:
 * for each switch mode and each kind of client (keep-alive, {@code Connection: close}), the time from "health gate
 * passed" to the first request served by the new release, the time of a rollback inside the keep window (a switch
 * back, nothing started), and the errors the clients saw.
 */
final class AppBenchmark {
    private static final int CLIENTS = 4;

    private AppBenchmark() {
    }

    static void run(Path dir, int pairs, PrintStream out) throws Exception {
        out.println("zdd benchmark: app (blue/green)");
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf(Locale.ROOT, "  %d deploys and %d rollbacks per row, %d load clients through nginx, over a local"
                + " sshd%n", pairs, pairs, CLIENTS);
        out.printf(Locale.ROOT, "  %-8s %-18s %8s %9s %8s %8s %18s %14s%n", "switch", "clients", "switches",
                "requests", "non-2xx", "sockerr", "gate->served p50", "rollback p50");
        for (AppSettings.SwitchMode mode : AppSettings.SwitchMode.values()) {
            for (boolean keepAlive : new boolean[] {true, false}) {
                row(dir, mode, keepAlive, pairs, out);
            }
        }
        out.printf(Locale.ROOT, "  load average: %.2f before, %.2f after (%d processors)%n", loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void row(Path dir, AppSettings.SwitchMode mode, boolean keepAlive, int pairs, PrintStream out)
            throws Exception {
        Path work = dir.resolve("app-" + mode.id() + (keepAlive ? "-ka" : "-close"));
        delete(work);
        List<Double> gateToServed = new ArrayList<>();
        List<Double> rollbacks = new ArrayList<>();
        try (AppStage stage = AppStage.start(work, mode)) {
            stage.deploy(0);
            LoadGenerator load = LoadGenerator.start(stage.nginx().port(), "/", CLIENTS, keepAlive);
            try {
                for (int i = 1; i <= pairs; i++) {
                    String id = stage.deploy(i);
                    Long served = load.firstSeen(id);
                    if (served != null) {
                        gateToServed.add((served - stage.healthyAt(id)) / 1e6);
                    }
                    long started = System.nanoTime();
                    stage.rollback();
                    rollbacks.add((System.nanoTime() - started) / 1e6);
                }
            } finally {
                load.close();
            }
            out.printf(Locale.ROOT, "  %-8s %-18s %8d %9d %8d %8d %15.0f ms %11.0f ms%n", mode.id(),
                    keepAlive ? "keep-alive" : "Connection: close", pairs * 2, load.requests(), load.non2xx(),
                    load.socketErrors(), median(gateToServed), median(rollbacks));
            if (!load.samples().isEmpty()) {
                out.println("    first errors: " + load.samples().subList(0, Math.min(3, load.samples().size())));
            }
        }
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            dev.zdd.hasher.io.FileTrees.delete(folder);
        }
    }
}
