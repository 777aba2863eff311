package dev.zdd.hasher.io;

import java.util.concurrent.Callable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/** Runs file work on a pool of a chosen size; an {@link IOException} of any task surfaces as itself. */
public final class ParallelIo {
    @FunctionalInterface
    public interface IoFunction<T, R> {
        R apply(T t) throws IOException;
    }

    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    private final ForkJoinPool pool;

    public ParallelIo(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Results in the order of {@code items}, whatever order they were computed in. */
    public <T, R> List<R> map(List<T> items, IoFunction<T, R> function) throws IOException {
        return await(() -> items.parallelStream().map(item -> {
            try {
                return function.apply(item);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList());
    }

    public <T> void forEach(List<T> items, IoConsumer<T> action) throws IOException {
        map(items, item -> {
            action.accept(item);
            return Boolean.TRUE;
        });
    }

    private <R> R await(Callable<R> work) throws IOException {
        try {
            return pool.submit(work).get();
        } catch (ExecutionException e) {
            // A parallel stream reports the first failure while its other tasks still run; let them finish, so
            // that no file is written after the caller starts cleaning up.
            pool.awaitQuiescence(10, TimeUnit.MINUTES);
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
