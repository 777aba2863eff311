package dev.zdd.deploy.ssh;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A deploy root on a host with a POSIX shell and GNU tools: bulk operations are one command each, so round trips
 * do not grow with the number of files. A release's files travel as one tar stream; GNU tar unlinks a file
 * before extracting over it, so no file hard-linked into another release is ever written into.
 */
public final class ExecTransport extends SftpTransport {
    private static final long COMMAND_TIMEOUT_MINUTES = 60;

    private final SystemSsh systemSsh;
    private final SystemSsh.Mode systemSshMode;

    ExecTransport(SSHClient ssh, String description, SystemSsh systemSsh, SystemSsh.Mode systemSshMode)
            throws IOException {
        super(ssh, description);
        this.systemSsh = systemSsh;
        this.systemSshMode = systemSshMode;
    }

    /** Whether the last upload went through the system's ssh client. */
    private boolean lastUploadUsedSystemSsh;

    public boolean lastUploadUsedSystemSsh() {
        return lastUploadUsedSystemSsh;
    }

    /** Runs {@code command} with {@code stdin} (closed at its end) and returns stdout; fails on a non-zero exit. */
    String exec(String command, StdinWriter stdin) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread stdout = drain(cmd.getInputStream(), out);
            Thread stderr = drain(cmd.getErrorStream(), err);
            try (OutputStream in = cmd.getOutputStream()) {
                if (stdin != null) {
                    stdin.write(in);
                }
            }
            cmd.join(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            join(stdout);
            join(stderr);
            Integer status = cmd.getExitStatus();
            if (status == null || status != 0) {
                throw new IOException("'" + command + "' failed on " + describe() + " (exit "
                        + (status == null ? "unknown: the connection dropped" : status) + ")"
                        + (err.size() == 0 ? "" : ": " + err.toString(StandardCharsets.UTF_8).strip()));
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String exec(String command) throws IOException {
        return exec(command, null);
    }

    @FunctionalInterface
    interface StdinWriter {
        void write(OutputStream stdin) throws IOException;
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream out) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // The command's exit status tells what happened.
            }
        }, "zdd-ssh-drain");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) throws IOException {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private static byte[] nulSeparated(List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String item : items) {
            out.writeBytes(item.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** With a shell the swap can always be one rename: over SFTP where the server can, else with mv -T. */
    @Override
    public boolean canSwapAtomically() {
        return true;
    }

    @Override
    public void swapSymlink(String link, String target) throws IOException {
        if (super.canSwapAtomically()) {
            super.swapSymlink(link, target);
            return;
        }
        // GNU mv -T renames over the old link (rename(2)); ln -sfn alone would not be atomic.
        String temp = link + ".zdd-" + java.util.UUID.randomUUID();
        exec("ln -sfn -- " + Shell.quote(target) + " " + Shell.quote(temp) + " && mv -T -- " + Shell.quote(temp)
                + " " + Shell.quote(link));
    }

    /** Small things (a file, the lock) go over SFTP, which is quicker than starting a command. */
    @Override
    public void removeTree(String path) throws IOException {
        PathKind kind = kind(path);
        if (kind == PathKind.MISSING) {
            return;
        }
        if (kind != PathKind.DIRECTORY || sftp.ls(path).size() <= 4 && sftp.ls(path).stream()
                .noneMatch(entry -> entry.isDirectory())) {
            super.removeTree(path);
            return;
        }
        exec("rm -rf -- " + Shell.quote(path));
    }

    @Override
    public void cloneWithHardLinks(String from, String to) throws IOException {
        exec("cp -al -- " + Shell.quote(from) + " " + Shell.quote(to));
    }

    @Override
    public void hardLink(List<Link> links) throws IOException {
        if (!links.isEmpty()) {
            runScript(linkScript(links));
        }
    }

    /** One command instead of three: each command costs a session start on the server. */
    @Override
    public void cloneRemoveLink(String from, String to, List<String> remove, List<Link> links) throws IOException {
        StringBuilder script = new StringBuilder("cp -al -- ").append(Shell.quote(from)).append(' ')
                .append(Shell.quote(to)).append('\n');
        if (!remove.isEmpty()) {
            script.append("cd -- ").append(Shell.quote(to)).append('\n');
            for (int i = 0; i < remove.size(); i += 100) {
                script.append("rm -f --");
                for (String path : remove.subList(i, Math.min(remove.size(), i + 100))) {
                    script.append(' ').append(Shell.quote(path));
                }
                script.append('\n');
            }
            script.append("find . -mindepth 1 -type d -empty -delete\n");
        }
        script.append(linkScript(links));
        runScript(script);
    }

    private static StringBuilder linkScript(List<Link> links) {
        StringBuilder script = new StringBuilder();
        for (Link link : links) {
            String parent = link.newPath().substring(0, link.newPath().lastIndexOf('/'));
            script.append("mkdir -p -- ").append(Shell.quote(parent)).append("\nln -f -- ")
                    .append(Shell.quote(link.existing())).append(' ').append(Shell.quote(link.newPath())).append('\n');
        }
        return script;
    }

    /** Runs a script with {@code sh -s}, stopping at its first failing line. */
    private void runScript(CharSequence lines) throws IOException {
        byte[] bytes = ("set -e\n" + lines).getBytes(StandardCharsets.UTF_8);
        exec("sh -s", in -> in.write(bytes));
    }

    @Override
    public void removeFiles(String base, List<String> relativePaths) throws IOException {
        if (relativePaths.isEmpty()) {
            return;
        }
        byte[] names = nulSeparated(relativePaths);
        exec("cd -- " + Shell.quote(base) + " && xargs -0 rm -f -- && find . -mindepth 1 -type d -empty -delete",
                in -> in.write(names));
    }

    @Override
    public void upload(String directory, List<Upload> files, UploadProgress progress) throws IOException {
        String command = "mkdir -p -- " + Shell.quote(directory) + " && tar -x --no-same-owner -f - -C "
                + Shell.quote(directory);
        long bytes = files.stream().mapToLong(Upload::size).sum();
        lastUploadUsedSystemSsh = false;
        if (systemSsh != null && SystemSsh.wanted(systemSshMode, bytes)) {
            try {
                systemSsh.run(command, in -> writeTar(in, files, progress));
                lastUploadUsedSystemSsh = true;
                return;
            } catch (SystemSsh.LoginRefused e) {
                // The system client logs in differently (agent, config); our own connection did log in.
                if (systemSshMode == SystemSsh.Mode.ALWAYS) {
                    throw e;
                }
            }
        }
        exec(command, in -> writeTar(in, files, progress));
    }

    /** The files as one tar stream; GNU tar on the other end unlinks any existing file before writing it. */
    private static void writeTar(OutputStream in, List<Upload> files, UploadProgress progress) throws IOException {
        CountingStream counted = new CountingStream(in);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(counted, 1 << 16)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            int count = 0;
            for (Upload upload : files) {
                TarArchiveEntry entry = new TarArchiveEntry(upload.path());
                entry.setSize(upload.size());
                entry.setMode(0100644);
                entry.setModTime(Files.getLastModifiedTime(upload.source()));
                tar.putArchiveEntry(entry);
                try (InputStream file = Files.newInputStream(upload.source())) {
                    long copied = file.transferTo(tar);
                    if (copied != upload.size()) {
                        throw new IOException(upload.source() + " changed while it was being sent");
                    }
                }
                tar.closeArchiveEntry();
                progress.sent(++count, counted.count);
            }
            tar.finish();
        }
    }

    /** Counts what goes into the channel, for progress reports. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }

    @Override
    public Map<String, Long> sizes(String directory) throws IOException {
        String out = exec("cd -- " + Shell.quote(directory) + " && find . -type f -printf '%s %P\\0'");
        Map<String, Long> sizes = new TreeMap<>();
        for (String record : out.split("\0")) {
            if (record.isEmpty()) {
                continue;
            }
            int space = record.indexOf(' ');
            sizes.put(record.substring(space + 1), Long.parseLong(record.substring(0, space)));
        }
        return sizes;
    }

    @Override
    public Map<String, String> sha256(String directory, List<String> relativePaths) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        if (relativePaths.isEmpty()) {
            return digests;
        }
        byte[] names = nulSeparated(relativePaths);
        String out = exec("cd -- " + Shell.quote(directory) + " && xargs -0 sha256sum -z --", in -> in.write(names));
        for (String record : out.split("\0")) {
            if (record.length() > 66) {
                digests.put(record.substring(66), record.substring(0, 64));
            }
        }
        return digests;
    }
}
