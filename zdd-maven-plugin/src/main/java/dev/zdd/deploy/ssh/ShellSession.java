package dev.zdd.deploy.ssh;

import java.io.InterruptedIOException;
import dev.zdd.deploy.transport.CommandFailedException;
import dev.zdd.deploy.transport.Shell;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One {@code sh} on the server, started once and fed script after script on its input. Every command over its own
 * exec channel pays the account's login scripts (a second and more on some servers); an app deploy runs a dozen
 * small scripts, so they share this shell. Each script runs in a child {@code sh} with no input; a marker line on
 * both outputs ends its answer and carries its exit status.
 */
final class ShellSession implements AutoCloseable {
    private final String where;
    private final Session session;
    private final Session.Command shell;
    private final OutputStream in;
    private final InputStream out;
    private final ErrorBuffer err;

    private ShellSession(String where, Session session, Session.Command shell) {
        this.where = where;
        this.session = session;
        this.shell = shell;
        this.in = shell.getOutputStream();
        this.out = shell.getInputStream();
        this.err = new ErrorBuffer(shell.getErrorStream());
    }

    static ShellSession start(SSHClient ssh, String where) throws IOException {
        Session session = ssh.startSession();
        try {
            return new ShellSession(where, session, session.exec("exec sh"));
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Runs {@code script} and returns its standard output; fails with its status and error output. */
    synchronized String run(String script) throws IOException {
        String marker = "zdd-end-" + UUID.randomUUID();
        String wrapped = "sh -c " + Shell.quote(script) + " </dev/null\n"
                + "printf '\\n%s %s\\n' " + marker + " \"$?\"\n"
                + "printf '\\n%s\\n' " + marker + " >&2\n";
        in.write(wrapped.getBytes(StandardCharsets.UTF_8));
        in.flush();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] end = ("\n" + marker + " ").getBytes(StandardCharsets.UTF_8);
        int status = -1;
        while (status < 0) {
            int b = out.read();
            if (b < 0) {
                throw new EndedException(where, answer.toString(StandardCharsets.UTF_8));
            }
            answer.write(b);
            if (b == '\n' && endsWithStatusLine(answer, end)) {
                byte[] bytes = answer.toByteArray();
                int at = lastIndexOf(bytes, end);
                status = Integer.parseInt(new String(bytes, at + end.length, bytes.length - at - end.length - 1,
                        StandardCharsets.UTF_8).strip());
                answer.reset();
                answer.write(bytes, 0, at);
            }
        }
        String error = err.until("\n" + marker + "\n");
        if (status != 0) {
            throw new CommandFailedException("command failed on " + where + " (exit " + status + ")"
                    + (error.isBlank() ? "" : ": " + error.strip()), status, error);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static boolean endsWithStatusLine(ByteArrayOutputStream answer, byte[] end) {
        byte[] bytes = answer.toByteArray();
        int at = lastIndexOf(bytes, end);
        if (at < 0) {
            return false;
        }
        for (int i = at + end.length; i < bytes.length - 1; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return bytes.length - 1 > at + end.length;
    }

    private static int lastIndexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = bytes.length - what.length; i >= 0; i--) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            session.close();
        }
    }

    /** The shell ended before a script's answer was complete; {@code output} is what it printed meanwhile. */
    static final class EndedException extends IOException {
        private final String output;

        EndedException(String where, String output) {
            super("the shell on " + where + " ended (the connection dropped?)");
            this.output = output;
        }

        String output() {
            return output;
        }
    }

    /** The shell's error output, drained as it comes (so the shell never blocks on it), cut at each marker. */
    private static final class ErrorBuffer {
        private final StringBuilder text = new StringBuilder();
        private boolean ended;

        ErrorBuffer(InputStream stream) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                        synchronized (this) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // The channel closed; waiters are told below.
                }
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }, "zdd-shell-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        /** Everything before {@code marker}, which is consumed with it. */
        synchronized String until(String marker) throws IOException {
            while (true) {
                int at = text.indexOf(marker);
                if (at >= 0) {
                    String before = text.substring(0, at);
                    text.delete(0, at + marker.length());
                    return before;
                }
                if (ended) {
                    throw new IOException("the shell's error output ended (the connection dropped?)");
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while a command ran");
                }
            }
        }
    }
}
