package dev.zdd.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Stops a server process and everything it forked, so no test leaves a process behind. */
final class Processes {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private Processes() {
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM), waits, then kills whatever is left. The descendants are
     * listed first: once the parent is gone they are re-parented and can no longer be found from it (sshd's
     * per-connection children, nginx's worker).
     */
    static void stop(Process process) {
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : all) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Still kill everything below, then let the caller see the interrupt.
                Thread.currentThread().interrupt();
                break;
            } catch (Exception timedOut) {
                // Falls through to the forced kill below.
            }
        }
        all.forEach(handle -> {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        });
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The JVM keeps these pipes open until they are closed, even after the process is gone.
        closeQuietly(process);
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
