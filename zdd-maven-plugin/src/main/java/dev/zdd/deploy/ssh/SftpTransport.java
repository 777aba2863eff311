package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.Transport;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
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
    public boolean canSwapAtomically() {
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
        if (!canSwapAtomically()) {
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

    @Override
    public void createDirectories(String path) throws IOException {
        if (kind(path) != PathKind.DIRECTORY) {
            sftp.mkdirs(path);
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

    @Override
    public void cloneWithHardLinks(String from, String to) throws IOException {
        sftp.mkdir(to);
        for (RemoteResourceInfo info : sftp.ls(from)) {
            String source = from + "/" + info.getName();
            String target = to + "/" + info.getName();
            if (info.isDirectory()) {
                cloneWithHardLinks(source, target);
            } else if (info.getAttributes().getType() == FileMode.Type.SYMLINK) {
                sftp.symlink(sftp.readlink(source), target);
            } else {
                hardLink(source, target);
            }
        }
    }

    private void hardLink(String existing, String newPath) throws IOException {
        if (!sftp.getSFTPEngine().supportsServerExtension("hardlink", "openssh.com")) {
            throw new IOException("the server supports neither a shell nor " + HARDLINK + "; cannot hard-link");
        }
        sftp.getSFTPEngine().request(sftp.getSFTPEngine().newExtendedRequest(HARDLINK).putString(existing)
                        .putString(newPath))
                .retrieve(sftp.getSFTPEngine().getTimeoutMs(), TimeUnit.MILLISECONDS).ensureStatusPacketIsOK();
    }

    @Override
    public void hardLink(List<Link> links) throws IOException {
        Set<String> made = new HashSet<>();
        for (Link link : links) {
            String parent = link.newPath().substring(0, link.newPath().lastIndexOf('/'));
            if (made.add(parent)) {
                createDirectories(parent);
            }
            if (kind(link.newPath()) != PathKind.MISSING) {
                sftp.rm(link.newPath());
            }
            hardLink(link.existing(), link.newPath());
        }
    }

    @Override
    public void removeFiles(String base, List<String> relativePaths) throws IOException {
        Set<String> parents = new HashSet<>();
        for (String relative : relativePaths) {
            String path = base + "/" + relative;
            if (kind(path) != PathKind.MISSING) {
                sftp.rm(path);
            }
            for (int slash = relative.lastIndexOf('/'); slash > 0; slash = relative.lastIndexOf('/', slash - 1)) {
                parents.add(base + "/" + relative.substring(0, slash));
            }
        }
        List<String> deepestFirst = new ArrayList<>(parents);
        deepestFirst.sort((a, b) -> b.length() - a.length());
        for (String dir : deepestFirst) {
            if (kind(dir) == PathKind.DIRECTORY && sftp.ls(dir).isEmpty()) {
                sftp.rmdir(dir);
            }
        }
    }

    @Override
    public void upload(String directory, List<Upload> files, UploadProgress progress) throws IOException {
        Set<String> made = new HashSet<>();
        int count = 0;
        long bytes = 0;
        for (Upload upload : files) {
            String path = directory + "/" + upload.path();
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (made.add(parent)) {
                createDirectories(parent);
            }
            if (kind(path) != PathKind.MISSING) {
                sftp.rm(path);
            }
            try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL));
                 OutputStream out = file.new RemoteFileOutputStream(0, 16);
                 InputStream in = Files.newInputStream(upload.source())) {
                in.transferTo(out);
            }
            progress.sent(++count, bytes += upload.size());
        }
    }

    @Override
    public Map<String, Long> sizes(String directory) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        collectSizes(directory, "", sizes);
        return sizes;
    }

    private void collectSizes(String directory, String prefix, Map<String, Long> sizes) throws IOException {
        for (RemoteResourceInfo info : sftp.ls(directory)) {
            if (info.isDirectory()) {
                collectSizes(directory + "/" + info.getName(), prefix + info.getName() + "/", sizes);
            } else if (info.isRegularFile()) {
                sizes.put(prefix + info.getName(), info.getAttributes().getSize());
            }
        }
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
