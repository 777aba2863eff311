package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.CommandFailedException;
import java.util.concurrent.CompletableFuture;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One command running on the server over its own exec channel: started, fed on stdin, then finished (its stdout,
 * or a failure with its exit status and the start of its stderr) or abandoned.
 */
final class RemoteCommand implements AutoCloseable {
    private static final long TIMEOUT_MINUTES = 60;
    /** Lines of a failed command's error output kept in the message. */
    private static final int ERROR_LINES = 20;

    private final String command;
    private final String where;
    private final Session session;
    private final Session.Command cmd;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread stdout;
    private final Thread stderr;
    /** The first line of stdout once it has come (or all of stdout, if it ended without a line end). */
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private boolean finished;

    private RemoteCommand(String command, String where, Session session, Session.Command cmd) {
        this.command = command;
        this.where = where;
        this.session = session;
        this.cmd = cmd;
        this.stdout = drain(cmd.getInputStream(), out, firstLine);
        this.stderr = drain(cmd.getErrorStream(), err, null);
    }

    /** Starts {@code command}; {@code where} names the server in messages. */
    static RemoteCommand start(SSHClient ssh, String command, String where) throws IOException {
        Session session = ssh.startSession();
        try {
            return new RemoteCommand(command, where, session, session.exec(command));
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Completes with the first line of stdout (without its line end) as soon as it has come. */
    CompletableFuture<String> firstLine() {
        return firstLine;
    }

    /** The command's stdin; {@link #finish} closes it. */
    OutputStream stdin() {
        return cmd.getOutputStream();
    }

    /** Closes stdin, waits for the command to end and returns its stdout; fails on a non-zero exit. */
    String finish() throws IOException {
        finished = true;
        try {
            try {
                cmd.getOutputStream().close();
            } catch (IOException ignored) {
                // Closed from the other end: the command has ended, and its exit status says how.
            }
            cmd.join(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            join(stdout);
            join(stderr);
            Integer status = cmd.getExitStatus();
            if (status == null || status != 0) {
                if (status == null) {
                    throw new IOException("'" + command + "' failed on " + where
                            + " (exit unknown: the connection dropped)");
                }
                String error = err.toString(StandardCharsets.UTF_8);
                throw new CommandFailedException("'" + command + "' failed on " + where
                        + " (exit " + status + ")" + (error.isEmpty() ? "" : ": " + firstLines(error)), status, error);
            }
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            session.close();
        }
    }

    /** Ends the command without waiting for it, if {@link #finish} was not called. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            try {
                cmd.getOutputStream().close();
            } finally {
                session.close();
            }
        }
    }

    private static String firstLines(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length <= ERROR_LINES ? text.strip() : String.join("\n", Arrays.asList(lines)
                .subList(0, ERROR_LINES)) + "\n(" + (lines.length - ERROR_LINES) + " more lines)";
    }

    /** Copies {@code in} into {@code out} on a thread of its own, completing {@code firstLine} on the way. */
    private static Thread drain(InputStream in, ByteArrayOutputStream out,
                                CompletableFuture<String> firstLine) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    if (firstLine != null && !firstLine.isDone()) {
                        String text = out.toString(StandardCharsets.UTF_8);
                        int end = text.indexOf('\n');
                        if (end >= 0) {
                            firstLine.complete(text.substring(0, end));
                        }
                    }
                }
            } catch (IOException ignored) {
                // The command's exit status tells what happened.
            } finally {
                if (firstLine != null) {
                    firstLine.complete(out.toString(StandardCharsets.UTF_8));
                }
            }
        }, "zdd-ssh-drain");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for a drain once the command has ended: its output's end comes with or before its exit status. */
    private static void join(Thread thread) throws IOException {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
