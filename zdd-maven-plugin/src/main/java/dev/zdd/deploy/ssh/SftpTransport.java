package dev.zdd.deploy.ssh;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.io.ParallelIo;
import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.Request;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A deploy root reached over SFTP alone, for hosts that allow no shell. Correct but slower: every file costs
 * round trips. {@link ExecTransport} replaces the bulk operations with single commands where a shell exists.
 */
public class SftpTransport implements Transport {
    private static final String POSIX_RENAME = "posix-rename@openssh.com";
    private static final String HARDLINK = "hardlink@openssh.com";

    protected final SSHClient ssh;
    protected final SFTPClient sftp;
    private final String description;

    SftpTransport(SSHClient ssh, String description) throws IOException {
        this.ssh = ssh;
        this.sftp = ssh.newSFTPClient();
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Whether {@code current} can be replaced in one rename over SFTP; without it a swap is not atomic. */
    @Override
    public String whyNoHost() {
        return "zdd.sftpOnly is set";
    }

    @Override
    public boolean canSwapAtomically() throws IOException {
        return posixRename();
    }

    /** Whether the server renames over an existing file in one step. */
    protected final boolean posixRename() {
        return sftp.getSFTPEngine().supportsServerExtension("posix-rename", "openssh.com");
    }

    @Override
    public PathKind kind(String path) throws IOException {
        FileAttributes attributes;
        try {
            attributes = sftp.lstat(path);
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                return PathKind.MISSING;
            }
            throw e;
        }
        FileMode.Type type = attributes.getType();
        return switch (type) {
            case REGULAR -> PathKind.FILE;
            case DIRECTORY -> PathKind.DIRECTORY;
            case SYMLINK -> PathKind.SYMLINK;
            default -> PathKind.OTHER;
        };
    }

    @Override
    public String readLink(String path) throws IOException {
        return sftp.readlink(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.READ));
             InputStream in = file.new ReadAheadRemoteFileInputStream(16)) {
            return in.readAllBytes();
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                throw new NoSuchFileException(path);
            }
            throw e;
        }
    }

    @Override
    public void writeAtomically(String path, byte[] content) throws IOException {
        String temp = path + ".zdd-" + UUID.randomUUID();
        writeNew(temp, content);
        rename(temp, path);
    }

    /** Creates {@code path}, which must not exist: never opens an existing (maybe hard-linked) file for writing. */
    private void writeNew(String path, byte[] content) throws IOException {
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL));
             OutputStream out = file.new RemoteFileOutputStream(0, 16)) {
            out.write(content);
        }
    }

    private void rename(String from, String to) throws IOException {
        if (!posixRename()) {
            throw new IOException("the server does not support " + POSIX_RENAME + ", so " + to
                    + " cannot be replaced atomically");
        }
        sftp.rename(from, to, EnumSet.of(RenameFlags.OVERWRITE));
    }

    @Override
    public void append(String path, byte[] content) throws IOException {
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.APPEND))) {
            // OpenSSH honours APPEND only at the file's current end, so write there explicitly.
            long end = file.length();
            file.write(end, content, 0, content.length);
        }
    }

    @Override
    public void renameDirectory(String from, String to) throws IOException {
        // Plain SSH_FXP_RENAME: OpenSSH refuses it when the target exists.
        sftp.rename(from, to);
    }

    @Override
    public boolean createDirectory(String path) throws IOException {
        try {
            sftp.mkdir(path);
            return true;
        } catch (SFTPException e) {
            if (kind(path) != PathKind.MISSING) {
                return false;
            }
            throw e;
        }
    }

    /** Safe when another client creates the same folders at the same time. */
    @Override
    public void createDirectories(String path) throws IOException {
        for (int attempt = 0; kind(path) != PathKind.DIRECTORY; attempt++) {
            try {
                sftp.mkdirs(path);
            } catch (SFTPException e) {
                // Another client may have made a folder on the way between our look and our mkdir.
                if (attempt >= 2 && kind(path) != PathKind.DIRECTORY) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<String> list(String directory) throws IOException {
        List<String> names = new ArrayList<>();
        for (RemoteResourceInfo info : sftp.ls(directory)) {
            names.add(info.getName());
        }
        names.sort(null);
        return names;
    }

    @Override
    public void removeTree(String path) throws IOException {
        PathKind kind = kind(path);
        if (kind == PathKind.MISSING) {
            return;
        }
        if (kind != PathKind.DIRECTORY) {
            sftp.rm(path);
            return;
        }
        for (RemoteResourceInfo info : sftp.ls(path)) {
            removeTree(path + "/" + info.getName());
        }
        sftp.rmdir(path);
    }

    @Override
    public void swapSymlink(String link, String target) throws IOException {
        String temp = link + ".zdd-" + UUID.randomUUID();
        // OpenSSH reads SSH_FXP_SYMLINK's arguments in the reverse of the draft's order, and so does sshj's
        // symlink(linkpath, targetpath) when sent to it: passing (target, temp) creates temp -> target.
        sftp.symlink(target, temp);
        try {
            rename(temp, link);
        } catch (IOException e) {
            sftp.rm(temp);
            throw e;
        }
    }

    /**
     * The folder, its subfolders and the hard links go as pipelined requests (the server answers them in order);
     * each file sent costs its own round trips, so several files travel at once.
     */
    @Override
    public ReleaseUpload beginRelease(String directory) throws IOException {
        return (links, files, progress) -> createRelease(directory, links, files, progress);
    }

    protected Map<String, Long> createRelease(String directory, List<Link> links, List<Upload> files,
                                      UploadProgress progress) throws IOException {
        sftp.mkdir(directory);
        SortedSet<String> folders = new TreeSet<>();
        links.forEach(link -> addParents(link.path(), folders));
        files.forEach(upload -> addParents(upload.path(), folders));
        if (!links.isEmpty() && !sftp.getSFTPEngine().supportsServerExtension("hardlink", "openssh.com")) {
            throw new IOException("the server supports neither a shell nor " + HARDLINK + "; cannot hard-link");
        }
        Pipeline pipeline = new Pipeline();
        // A parent sorts before its children, so every mkdir finds its parent made.
        for (String folder : folders) {
            pipeline.send(sftp.getSFTPEngine().newRequest(PacketType.MKDIR).putString(directory + "/" + folder)
                    .putFileAttributes(FileAttributes.EMPTY), "creating " + directory + "/" + folder);
        }
        for (Link link : links) {
            pipeline.send(sftp.getSFTPEngine().newExtendedRequest(HARDLINK).putString(link.existing())
                    .putString(directory + "/" + link.path()), "linking " + link.existing());
        }
        pipeline.finish();
        long[] sent = {0, 0};
        // After the first failure (or a stop from the progress callback) the files not yet begun are skipped,
        // instead of every parallel worker sending the rest of its share for nothing.
        AtomicReference<IOException> stopped = new AtomicReference<>();
        ParallelIo.IoConsumer<Upload> send = upload -> {
            IOException earlier = stopped.get();
            if (earlier != null) {
                throw new IOException("not sent: " + earlier.getMessage(), earlier);
            }
            try {
                try (RemoteFile file = sftp.open(directory + "/" + upload.path(),
                        EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL));
                     OutputStream out = file.new RemoteFileOutputStream(0, 16);
                     InputStream in = upload.open()) {
                    in.transferTo(out);
                }
                synchronized (sent) {
                    progress.sent((int) ++sent[0], sent[1] += upload.size());
                }
            } catch (IOException e) {
                stopped.compareAndSet(null, e);
                throw e;
            }
        };
        if (!files.isEmpty()) {
            send.accept(files.get(0));
            inParallel(files.subList(1, files.size()), send);
        }
        return sizes(directory);
    }

    /** Requests in flight per file are few, so files go in parallel over the one SFTP channel. */
    private static final int PARALLEL_FILES = 8;

    /** Runs {@code action} on {@link #PARALLEL_FILES} files (or folders) at a time. */
    private static <T> void inParallel(List<T> items, ParallelIo.IoConsumer<T> action) throws IOException {
        ForkJoinPool pool = new ForkJoinPool(PARALLEL_FILES);
        try {
            new ParallelIo(pool).forEach(items, action);
        } finally {
            pool.shutdown();
        }
    }

    private static void addParents(String relative, Set<String> folders) {
        for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
            folders.add(relative.substring(0, slash));
        }
    }

    /** Requests in flight, at most {@link #WINDOW} at a time; the first failure is reported with what it was. */
    private final class Pipeline {
        private static final int WINDOW = 256;
        private final ArrayDeque<Map.Entry<Promise<Response, SFTPException>, String>> inFlight =
                new ArrayDeque<>();

        void send(Request request, String what) throws IOException {
            if (inFlight.size() >= WINDOW) {
                awaitOldest();
            }
            inFlight.add(Map.entry(sftp.getSFTPEngine().request(request), what));
        }

        void finish() throws IOException {
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }

        private void awaitOldest() throws IOException {
            Map.Entry<Promise<Response, SFTPException>, String> oldest = inFlight.poll();
            Response response = oldest.getKey().retrieve(sftp.getSFTPEngine().getTimeoutMs(), TimeUnit.MILLISECONDS);
            try {
                response.ensureStatusPacketIsOK();
            } catch (SFTPException e) {
                throw new IOException(oldest.getValue() + " failed on " + describe() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Folder by folder, the folders of one depth listed in parallel. */
    @Override
    public Map<String, Long> sizes(String directory) throws IOException {
        Map<String, Long> sizes = new ConcurrentSkipListMap<>();
        List<String> level = List.of("");
        while (!level.isEmpty()) {
            List<String> next = Collections.synchronizedList(new ArrayList<>());
            inParallel(level, prefix -> {
                for (RemoteResourceInfo info : sftp.ls(prefix.isEmpty() ? directory
                        : directory + "/" + prefix.substring(0, prefix.length() - 1))) {
                    if (info.isDirectory()) {
                        next.add(prefix + info.getName() + "/");
                    } else if (info.isRegularFile()) {
                        sizes.put(prefix + info.getName(), info.getAttributes().getSize());
                    }
                }
            });
            level = new ArrayList<>(next);
        }
        return new TreeMap<>(sizes);
    }

    /** SFTP cannot hash on the server; a release sent this way is verified by sizes. */
    @Override
    public Map<String, String> sha256(String directory, List<String> relativePaths) throws IOException {
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
        } finally {
            ssh.close();
        }
    }
}
