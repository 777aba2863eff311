package dev.zdd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived program to completion (ssh-keygen, ssh, sftp) and captures what it printed. */
public final class Exec {
    /** What a finished program returned and printed. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** The stdout, failing with everything it printed if the program did not exit with 0. */
        public String ok() {
            if (exitCode != 0) {
                throw new IllegalStateException(this.toString());
            }
            return stdout;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr;
        }
    }

    private Exec() {
    }

    /** Runs {@code command} with no input. */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), "", command);
    }

    /**
     * Runs {@code command} with extra environment variables, writing {@code stdin} to it and then closing its input
     * (so programs that read until end of input, like {@code sftp -b -}, finish). Kills it after {@code timeout}: a
     * hung ssh must fail the test, not hang the build.
     */
    public static Result run(Duration timeout, Map<String, String> environment, String stdin, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command[0], e);
        }
        try {
            // Read both streams concurrently, so a chatty program never blocks on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The program exited without reading its input; its exit code tells the rest.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(List.of(command), process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        } finally {
            Processes.stop(process);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
