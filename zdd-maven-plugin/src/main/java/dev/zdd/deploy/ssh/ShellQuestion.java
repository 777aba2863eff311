package dev.zdd.deploy.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a server runs commands, asked on a thread of its own and waited for with a deadline: a server may neither
 * answer nor end a command, and the deploy must not hang on it.
 */
final class ShellQuestion {
    private ShellQuestion() {
    }

    @FunctionalInterface
    interface Ask<T> {
        T ask() throws IOException;
    }

    /** Asks on a daemon thread named {@code name}; the answer fails with what the question threw. */
    static <T> CompletableFuture<T> onOwnThread(String name, Ask<T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Thread asking = new Thread(() -> {
            try {
                answer.complete(question.ask());
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }, name);
        asking.setDaemon(true);
        asking.start();
        return answer;
    }

    /** Waits up to {@code millis} for {@code answer}; an interruption or a failed question names {@code where}. */
    static <T> T await(CompletableFuture<T> answer, long millis, String where) throws IOException, TimeoutException {
        try {
            return answer.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finding out whether " + where + " runs commands");
        } catch (ExecutionException e) {
            throw new IOException("could not find out whether " + where + " runs commands: " + e.getCause(),
                    e.getCause());
        }
    }
}
