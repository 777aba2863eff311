package dev.zdd.deploy.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs one step on several hosts at once, bounded by the fleet's executor, and collects each host's outcome. */
final class HostWork {
    private final ExecutorService executor;

    HostWork(ExecutorService executor) {
        this.executor = executor;
    }

    /** One host's step. */
    interface Step<T, R> {
        R run(T item) throws Exception;
    }

    /** A host's outcome: a value or the failure. */
    record Outcome<R>(R value, Exception failure) {
        boolean ok() {
            return failure == null;
        }
    }

    /**
     * Runs {@code step} for every item, all released at the same moment (so that switches land together), and
     * waits for all of them: one host's failure never leaves another's step running unseen.
     */
    <T, R> Map<T, Outcome<R>> onEach(List<T> items, Step<T, R> step) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(executor.submit(() -> {
                start.await();
                return step.run(item);
            }));
        }
        start.countDown();
        Map<T, Outcome<R>> outcomes = new LinkedHashMap<>();
        boolean interrupted = false;
        for (int i = 0; i < items.size(); i++) {
            while (true) {
                try {
                    outcomes.put(items.get(i), new Outcome<>(futures.get(i).get(), null));
                    break;
                } catch (ExecutionException e) {
                    outcomes.put(items.get(i), new Outcome<>(null, e.getCause() instanceof Exception cause ? cause
                            : new IllegalStateException(e.getCause())));
                    break;
                } catch (InterruptedException e) {
                    // Steps change servers: wait for them to end, then let the caller see the interrupt.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return outcomes;
    }
}
