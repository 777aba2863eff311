package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.CommandFailedException;
import dev.zdd.deploy.transport.Host;
import dev.zdd.deploy.transport.Shell;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A deploy root over SSH that uses commands where the host allows them: bulk operations are one command each, so
 * round trips do not grow with the number of files, and a release travels as one tar stream. Where the host allows
 * no commands (an SFTP-only account), every operation falls back to SFTP.
 *
 * <p>Whether the host runs commands is found out when first needed, and every command costs a shell start on the
 * server (with its login scripts), so a deploy runs as few as it can: the release's command is started before
 * planning and says it is ready, which answers the question without a separate probe.
 */
public final class ExecTransport extends SftpTransport {
    private static final long PROBE_TIMEOUT_SECONDS = 30;
    /** How long the gated command's first line is waited for before a probe is started beside it. */
    private static final long PROBE_DELAY_MILLIS = 3000;
    /** The line that releases a gated command. */
    private static final String GO = "zdd-go";
    /** The line a gated command prints once a shell runs it. */
    private static final String READY = "zdd-ready";
    static final String SHELL_OK = "zdd-shell-ok";
    /** What OpenSSH prints for a command to an account whose sessions are forced to its SFTP server. */
    private static final String OPENSSH_SFTP_ONLY = "This service allows sftp connections only.";
    /** The most of a login script's output a message quotes. */
    private static final int QUOTED = 80;
    /** How tar and the kernel say that the disk (or the user's quota) is full. */
    private static final Pattern DISK_FULL = Pattern.compile(
            "No space left on device|Disk quota exceeded|Wrote only \\d+ of \\d+ bytes");

    /**
     * From this many bytes on, an upload first warms the cipher up ({@link AesGcmWarmUp}): below it the quarter
     * second of CPU that costs is not won back.
     */
    private static final long WARM_UP_BYTES = 16L << 20;

    /** Null until known. */
    private volatile Boolean shell;
    private SshHost host;
    /** Why the host runs no commands, once known. */
    private volatile String noShell = "an SFTP-only account";
    /** Null when the negotiated cipher needs none. */
    private final AesGcmWarmUp warmUp;
    private final Consumer<String> warn;

    /** @param warn receives the warning that a host's login scripts keep zdd's commands from running */
    ExecTransport(SSHClient ssh, String description, AesGcmWarmUp warmUp, Consumer<String> warn) throws IOException {
        super(ssh, description);
        this.warmUp = warmUp;
        this.warn = warn;
    }

    /** Whether a large upload first warms up the negotiated cipher (the JDK's AES-GCM). */
    boolean warmsUpLargeUploads() {
        return warmUp != null;
    }

    /** Whether this host runs our commands. */
    public boolean hasShell() throws IOException {
        Boolean known = shell;
        if (known == null) {
            known = probe();
            shell = known;
        }
        return known;
    }

    /**
     * Whether the host runs commands, answered by the gated command's first line: the ready line where a shell runs
     * it; where none does, OpenSSH's refusal of an SFTP-only account ("This service allows sftp connections only.")
     * or the end of its output. Only a server that neither answers nor ends within {@link #PROBE_DELAY_MILLIS} gets
     * a probe (a command that echoes a word) beside it: every command is a shell start with the account's login
     * scripts, and a probe started at once would have doubled that on every deploy to a shell host whose login
     * takes longer than planning the release.
     */
    private boolean hasShell(RemoteCommand gated) throws IOException {
        if (shell != null) {
            return shell;
        }
        // Any first line but the ready one means no shell that can be used: the gate is never released then.
        CompletableFuture<Boolean> answer = gated.firstLine().thenApply(line -> answered(line, READY));
        try {
            shell = ShellQuestion.await(answer, PROBE_DELAY_MILLIS, describe());
            return shell;
        } catch (TimeoutException e) {
            // A silent server: the probe ends its command by closing stdin, which the gated one must not.
        }
        CompletableFuture<Boolean> either = ShellQuestion.onOwnThread("zdd-shell-probe", this::probe);
        answer.thenAccept(either::complete);
        try {
            shell = ShellQuestion.await(either, TimeUnit.SECONDS.toMillis(PROBE_TIMEOUT_SECONDS), describe());
            return shell;
        } catch (TimeoutException e) {
            throw new IOException("could not find out whether " + describe() + " runs commands: no answer within "
                    + PROBE_TIMEOUT_SECONDS + " s", e);
        }
    }

    private boolean probe() throws IOException {
        try (RemoteCommand echo = RemoteCommand.start(ssh, "echo " + SHELL_OK, describe())) {
            return answered(echo.finish().strip().split("\n", 2)[0], SHELL_OK);
        } catch (IOException e) {
            if (!ssh.isConnected()) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Whether a command's first line of output is the {@code expected} one; if not, notes why the host runs no
     * commands, and warns when its login scripts are the reason: zdd then goes on without commands, more slowly.
     */
    private boolean answered(String firstLine, String expected) {
        if (firstLine.equals(expected)) {
            return true;
        }
        String line = firstLine.strip();
        if (line.isEmpty()) {
            noShell = "its commands end without output";
        } else if (line.equals(OPENSSH_SFTP_ONLY)) {
            noShell = "an SFTP-only account";
        } else {
            String quoted = "'" + (line.length() <= QUOTED ? line : line.substring(0, QUOTED) + "…") + "'";
            noShell = "a login script printed " + quoted + " before zdd's command ran; zdd's commands need a login"
                    + " that prints nothing to standard output when it is not interactive (~/.bashrc)";
            if (shell == null) {
                warn.accept("zdd: WARNING: " + describe() + ": " + noShell + "; until then zdd uses SFTP alone"
                        + " there (slower; app deploys refuse such a host)");
            }
        }
        return false;
    }

    @Override
    public String whyNoHost() {
        return noShell;
    }

    /**
     * The server as a host for app deploys, when it runs commands. Whether it does is asked through the shell the
     * host runs its scripts in, not by a probe of its own: one shell start fewer per app deploy.
     */
    @Override
    public Host host() throws IOException {
        if (host != null || Boolean.FALSE.equals(shell)) {
            return host;
        }
        SshHost candidate = new SshHost(ssh, this);
        if (shell == null) {
            String firstLine = candidate.firstLineOf("echo " + SHELL_OK, PROBE_DELAY_MILLIS);
            shell = firstLine != null ? answered(firstLine, SHELL_OK) : probe();
        }
        if (shell) {
            host = candidate;
        }
        return host;
    }

    /** Runs {@code command} with {@code stdin} (closed at its end) and returns stdout; fails on a non-zero exit. */
    String exec(String command, StdinWriter stdin) throws IOException {
        try (RemoteCommand running = RemoteCommand.start(ssh, command, describe())) {
            if (stdin != null) {
                stdin.write(running.stdin());
            }
            return running.finish();
        }
    }

    String exec(String command) throws IOException {
        return exec(command, null);
    }

    @FunctionalInterface
    interface StdinWriter {
        void write(OutputStream stdin) throws IOException;
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
    public boolean canSwapAtomically() throws IOException {
        return posixRename() || hasShell();
    }

    @Override
    public void swapSymlink(String link, String target) throws IOException {
        if (posixRename() || !hasShell()) {
            super.swapSymlink(link, target);
            return;
        }
        // GNU mv -T renames over the old link (rename(2)); ln -sfn alone would not be atomic.
        String temp = link + ".zdd-" + UUID.randomUUID();
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
        if (kind != PathKind.DIRECTORY || !hasShell() || small(path)) {
            super.removeTree(path);
            return;
        }
        exec("rm -rf -- " + Shell.quote(path));
    }

    /** A folder of a few files and no subfolders, quicker to remove over SFTP than with a command; listed once. */
    private boolean small(String path) throws IOException {
        List<RemoteResourceInfo> entries = sftp.ls(path);
        return entries.size() <= 4 && entries.stream().noneMatch(RemoteResourceInfo::isDirectory);
    }

    /**
     * One command, started now but gated: it first waits for a line {@code zdd-go} on stdin, so nothing happens on
     * the server until {@link ReleaseUpload#send} writes it; closing instead ends the command having done nothing.
     * Once released it makes the folder (failing if it exists), extracts one tar stream into it whose file entries
     * are the files and whose lists and link entries are the hard links ({@link LinkLists}), makes the listed
     * links, then lists what the folder holds. Entries are named
     * relative to the folder's parent, where the linked releases are too; {@code --keep-old-files} makes any
     * existing file an error instead of something to overwrite. Started without knowing whether the host runs
     * commands: its ready line says so; on a host that does not, it is closed unused.
     */
    @Override
    public ReleaseUpload beginRelease(String directory) throws IOException {
        int slash = directory.lastIndexOf('/');
        String parent = slash == 0 ? "/" : directory.substring(0, slash);
        String name = directory.substring(slash + 1);
        String prefix = parent.equals("/") ? "/" : parent + "/";
        String command = "echo " + READY + " && IFS= read -r go && [ \"$go\" = " + GO + " ]"
                + " && cd -- " + Shell.quote(parent) + " && mkdir -- " + Shell.quote(name)
                + " && tar -x --no-same-owner --keep-old-files -f -"
                + " && cd -- " + Shell.quote(name) + " && " + LinkLists.command(name)
                + " && find . -type f -printf '%s %P\\0'";
        RemoteCommand gated = RemoteCommand.start(ssh, command, describe());
        return new ReleaseUpload() {
            @Override
            public Map<String, Long> send(List<Link> links, List<Upload> files, UploadProgress progress)
                    throws IOException {
                if (warmUp != null && files.stream().mapToLong(Upload::size).sum() >= WARM_UP_BYTES) {
                    // While the server may still be starting the command.
                    warmUp.start();
                }
                if (!hasShell(gated)) {
                    gated.close();
                    return createRelease(directory, links, files, progress);
                }
                for (Link link : links) {
                    if (!link.existing().startsWith(prefix) || link.existing().length() == prefix.length()) {
                        throw new IllegalArgumentException("a hard link's source must be beside " + directory + ": "
                                + link.existing());
                    }
                }
                KeptOpen stdin = new KeptOpen(gated.stdin());
                IOException writing = null;
                try {
                    stdin.write((GO + "\n").getBytes(StandardCharsets.US_ASCII));
                    writeTar(stdin, name, prefix, links, files, progress);
                } catch (IOException e) {
                    if (!stdin.failed) {
                        // Here, not on the server (a file that changed while it was read, or a stop the caller
                        // asked for): the archive was left unfinished. Waiting for tar to end means nothing is
                        // still unpacking when the caller removes the folder; how tar took the short archive
                        // does not matter, since this upload fails either way.
                        try {
                            gated.finish();
                        } catch (IOException ended) {
                            e.addSuppressed(ended);
                        }
                        throw e;
                    }
                    // The command may have ended early: its exit status and error output say why. tar may also
                    // stop reading at the end-of-archive blocks, before the padding after them has been sent.
                    writing = e;
                }
                String out;
                try {
                    out = gated.finish();
                } catch (CommandFailedException e) {
                    IOException named = unpackFailure(e, directory);
                    if (writing != null) {
                        named.addSuppressed(writing);
                    }
                    throw named;
                } catch (IOException e) {
                    if (writing != null) {
                        e.addSuppressed(writing);
                    }
                    throw e;
                }
                // A command that succeeded read a whole archive; the listing it printed is verified by the caller.
                return parseSizes(out.substring(out.indexOf('\n') + 1));
            }

            @Override
            public void close() throws IOException {
                gated.close();
            }
        };
    }

    /**
     * What a failed unpack tells the user: the cause in words when the server's disk is full (GNU tar reports a
     * short write, not always ENOSPC), with the free space there, instead of the shell command that ran.
     */
    private IOException unpackFailure(CommandFailedException e, String directory) {
        String error = e.errorOutput().strip();
        String shown = error.lines().limit(3).reduce((a, b) -> a + "; " + b).orElse("");
        if (DISK_FULL.matcher(error).find()) {
            return new CommandFailedException("the server's disk is full: no space left on device under "
                    + directory + " on " + describe() + " while the release was unpacked" + freeSpace(directory)
                    + " (" + shown + "); free some space there or keep fewer releases (zdd.keepReleases)",
                    e.exitStatus(), e.errorOutput());
        }
        return new CommandFailedException("unpacking the release into " + directory + " failed on " + describe()
                + " (tar or cp -l, exit " + e.exitStatus() + ")" + (shown.isEmpty() ? "" : ": " + shown),
                e.exitStatus(), e.errorOutput());
    }

    /** ", 0 kB free of 4096 kB" from df, or nothing when that cannot be asked. */
    private String freeSpace(String directory) {
        String parent = directory.substring(0, Math.max(1, directory.lastIndexOf('/')));
        try (RemoteCommand df = RemoteCommand.start(ssh, "df -Pk -- " + Shell.quote(parent), describe())) {
            String[] columns = df.finish().lines().skip(1).findFirst().orElse("").trim().split("\\s+");
            return columns.length >= 4 ? ", " + columns[3] + " kB free of " + columns[1] + " kB" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The links (listed where they can be), then the files, as one tar stream named relative to the parent. */
    private static void writeTar(KeptOpen in, String name, String prefix, List<Link> links, List<Upload> files,
                                 UploadProgress progress) throws IOException {
        // Not closed on a failure: closing would finish the archive, and tar would take what was sent for a whole
        // release. Closing it only finishes it and flushes into the channel, which stays open either way.
        TarArchiveOutputStream tar = new TarArchiveOutputStream(in, 1 << 16);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        LinkLists lists = new LinkLists(links, prefix);
        long now = System.currentTimeMillis();
        for (Map.Entry<String, byte[]> list : lists.lists().entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/" + LinkLists.FOLDER + "/" + list.getKey());
            entry.setSize(list.getValue().length);
            entry.setMode(0100600);
            entry.setModTime(now);
            tar.putArchiveEntry(entry);
            tar.write(list.getValue());
            tar.closeArchiveEntry();
        }
        for (Link link : lists.others()) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/" + link.path(), TarConstants.LF_LINK);
            entry.setLinkName(link.existing().substring(prefix.length()));
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
        int count = 0;
        long bytes = 0;
        for (Upload upload : files) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/" + upload.path());
            entry.setSize(upload.size());
            entry.setMode(0100644);
            entry.setModTime(upload.source() == null ? System.currentTimeMillis()
                    : Files.getLastModifiedTime(upload.source()).toMillis());
            tar.putArchiveEntry(entry);
            try (InputStream file = upload.open()) {
                long copied = file.transferTo(tar);
                if (copied != upload.size()) {
                    throw new IOException((upload.source() == null ? upload.path() : upload.source())
                            + " changed while it was being sent");
                }
            }
            tar.closeArchiveEntry();
            progress.sent(++count, bytes += upload.size());
        }
        tar.close();
    }

    /**
     * The channel's stdin, left open when the tar stream is closed ({@link RemoteCommand#finish} closes it), and
     * telling whether a write failed on the channel rather than here.
     */
    private static final class KeptOpen extends FilterOutputStream {
        private boolean failed;

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    @Override
    public Map<String, Long> sizes(String directory) throws IOException {
        if (!hasShell()) {
            return super.sizes(directory);
        }
        return parseSizes(exec("cd -- " + Shell.quote(directory) + " && find . -type f -printf '%s %P\\0'"));
    }

    /** find's {@code %s %P\0} records. */
    private static Map<String, Long> parseSizes(String out) {
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
        if (!hasShell()) {
            return super.sha256(directory, relativePaths);
        }
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
