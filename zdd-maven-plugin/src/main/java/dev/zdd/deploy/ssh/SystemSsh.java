package dev.zdd.deploy.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's OpenSSH client, used for the one bulk stream of a large upload: its native ciphers move data
 * several times faster than a pure-Java SSH stack. It checks the host key against the same known_hosts file,
 * never prompts, and is used only where it can log in the same way without a passphrase or password.
 */
final class SystemSsh {
    /** When the system client carries the upload. */
    enum Mode { AUTO, ALWAYS, NEVER }

    /** Below this, starting a second connection costs more than the faster ciphers save. */
    static final long AUTO_THRESHOLD_BYTES = 64L * 1024 * 1024;

    private final Path executable;
    private final SshTarget target;
    private final SshSettings settings;

    private SystemSsh(Path executable, SshTarget target, SshSettings settings) {
        this.executable = executable;
        this.target = target;
        this.settings = settings;
    }

    /** The client, if there is one and it can log in non-interactively with these settings; else null. */
    static SystemSsh find(SshTarget target, SshSettings settings) {
        Path ssh = Path.of("/usr/bin/ssh");
        boolean usable = Files.isExecutable(ssh) && settings.password() == null && settings.passphrase() == null
                && !settings.insecureSkipHostKeyCheck() && !settings.sftpOnly();
        return usable ? new SystemSsh(ssh, target, settings) : null;
    }

    /** Whether an upload of {@code bytes} goes through the system client in {@code mode}. */
    static boolean wanted(Mode mode, long bytes) {
        return mode == Mode.ALWAYS || mode == Mode.AUTO && bytes >= AUTO_THRESHOLD_BYTES;
    }

    /** Thrown when the client could not log in; the caller may fall back to its own connection. */
    static final class LoginRefused extends IOException {
        LoginRefused(String message) {
            super(message);
        }
    }

    void run(String remoteCommand, ExecTransport.StdinWriter stdin) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-T", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + settings.knownHosts(),
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout="
                        + Math.max(1, settings.timeout().toSeconds()), "-p", String.valueOf(target.port()),
                "-l", target.user()));
        if (settings.privateKey() != null) {
            command.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", settings.privateKey().toString()));
        }
        command.add(target.host());
        command.add(remoteCommand);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the exit status tells
            }
        }, "zdd-ssh-stderr");
        drain.setDaemon(true);
        drain.start();
        IOException writeFailure = null;
        try (OutputStream in = process.getOutputStream()) {
            stdin.write(in);
        } catch (IOException e) {
            writeFailure = e;
        }
        int status;
        try {
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("the ssh upload to " + target + " did not finish within an hour");
            }
            drain.join(10_000);
            status = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during the upload");
        }
        String stderr = err.toString(StandardCharsets.UTF_8).strip();
        if (status == 255 && stderr.contains("Permission denied")) {
            throw new LoginRefused(stderr);
        }
        if (status != 0) {
            throw new IOException("'" + remoteCommand + "' over ssh to " + target + " failed (exit " + status + ")"
                    + (stderr.isEmpty() ? "" : ": " + stderr));
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
    }
}
