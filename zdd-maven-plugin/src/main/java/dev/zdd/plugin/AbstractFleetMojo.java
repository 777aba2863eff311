package dev.zdd.plugin;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The goals that work on every target of a fleet at once ({@code zdd:check} reads one target only, so it has no
 * {@code parallelism}).
 */
abstract class AbstractFleetMojo extends AbstractTargetMojo {
    /** How many hosts of a fleet are worked on at once (connect, upload, switch). */
    @Parameter(property = "zdd.parallelism", defaultValue = "8")
    int parallelism;

    /** An open connection to one target of the goal. */
    record Opened(String name, Transport transport, DeployLayout layout) {
    }

    /**
     * Opens every target at once (an SSH login costs a round trip or more each), in the order given; if one cannot
     * be opened, the others are closed and the first failure is thrown.
     */
    List<Opened> openAll(List<String> names, ExecutorService executor) throws MojoFailureException {
        List<Future<Transport>> futures = new ArrayList<>();
        for (String name : names) {
            futures.add(executor.submit(() -> openTransport(name)));
        }
        List<Opened> opened = new ArrayList<>();
        MojoFailureException failure = null;
        for (int i = 0; i < names.size(); i++) {
            try {
                opened.add(new Opened(names.get(i), futures.get(i).get(), layout(names.get(i))));
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof MojoFailureException user ? user
                            : new MojoFailureException("zdd: cannot open " + names.get(i) + ": " + e.getCause(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new MojoFailureException("zdd: interrupted while connecting", e);
                break;
            }
        }
        if (failure != null) {
            closeAll(opened);
            throw failure;
        }
        return opened;
    }

    /** What a goal does with its open targets. */
    interface OnTargets {
        void run(List<Opened> targets, ExecutorService executor) throws IOException, DeployException,
                MojoFailureException;
    }

    /**
     * Opens every target (at once), runs {@code body} on them, closes them; maps what the engine refuses to
     * {@link MojoFailureException} and I/O trouble to {@link MojoExecutionException}, each prefixed with the goal.
     */
    void onTargets(OnTargets body) throws MojoExecutionException, MojoFailureException {
        List<String> names = targetList();
        ExecutorService executor = hostExecutor(names.size());
        List<Opened> opened = List.of();
        try {
            opened = openAll(names, executor);
            body.run(opened, executor);
        } catch (DeployException | IllegalArgumentException e) {
            throw new MojoFailureException(goal() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(goal() + ": " + e.getMessage(), e);
        } finally {
            closeAll(opened);
            executor.shutdownNow();
        }
    }

    static void closeAll(List<Opened> opened) {
        for (Opened one : opened) {
            try {
                one.transport().close();
            } catch (Exception e) {
                // Closing after a failure: the failure is what the user needs to see.
            }
        }
    }

    /** The executor a fleet goal works its hosts with, bounded by zdd.parallelism. */
    ExecutorService hostExecutor(int hosts) throws MojoFailureException {
        if (parallelism < 1) {
            throw new MojoFailureException("zdd: zdd.parallelism must be at least 1, was " + parallelism);
        }
        return Executors.newFixedThreadPool(Math.min(parallelism, Math.max(hosts, 1)), runnable -> {
            Thread thread = new Thread(runnable, "zdd-host");
            thread.setDaemon(true);
            return thread;
        });
    }
}
