package dev.zdd.deploy.transport;

import java.nio.file.FileAlreadyExistsException;
import org.apache.commons.codec.digest.DigestUtils;
import dev.zdd.hasher.io.FileTrees;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** A deploy root on this machine: the same engine as over SSH, with no server needed. */
public class LocalTransport implements Transport {
    private final String root;
    private final Host host = new LocalHost();

    public LocalTransport(String root) {
        this.root = root;
    }

    private static Path path(String path) {
        return Path.of(path);
    }

    @Override
    public String describe() {
        return root;
    }

    @Override
    public PathKind kind(String path) throws IOException {
        Path p = path(path);
        if (Files.isSymbolicLink(p)) {
            return PathKind.SYMLINK;
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return PathKind.MISSING;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return PathKind.DIRECTORY;
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? PathKind.FILE : PathKind.OTHER;
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public String readLink(String path) throws IOException {
        return Files.readSymbolicLink(path(path)).toString();
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(path(path));
    }

    @Override
    public void writeAtomically(String path, byte[] content) throws IOException {
        Path target = path(path);
        Path temp = target.resolveSibling(target.getFileName() + ".zdd-" + UUID.randomUUID());
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void append(String path, byte[] content) throws IOException {
        Files.write(path(path), content, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    @Override
    public void renameDirectory(String from, String to) throws IOException {
        Files.move(path(from), path(to));
    }

    @Override
    public boolean createDirectory(String path) throws IOException {
        try {
            Files.createDirectory(path(path));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void createDirectories(String path) throws IOException {
        Files.createDirectories(path(path));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        try (Stream<Path> entries = Files.list(path(directory))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void removeTree(String path) throws IOException {
        FileTrees.delete(path(path));
    }

    @Override
    public void swapSymlink(String link, String target) throws IOException {
        Path linkPath = path(link);
        Path temp = linkPath.resolveSibling(linkPath.getFileName() + ".zdd-" + UUID.randomUUID());
        Files.createSymbolicLink(temp, Path.of(target));
        try {
            // rename(2): the old link is replaced in one step; readers see the old or the new target, never none.
            Files.move(temp, linkPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public ReleaseUpload beginRelease(String directory) {
        return (links, files, progress) -> createRelease(directory, links, files, progress);
    }

    private Map<String, Long> createRelease(String directory, List<Link> links, List<Upload> files,
                                      UploadProgress progress) throws IOException {
        Path root = path(directory);
        Files.createDirectory(root);
        for (Link link : links) {
            Path newPath = root.resolve(link.path());
            Files.createDirectories(newPath.getParent());
            Files.createLink(newPath, path(link.existing()));
        }
        int count = 0;
        long bytes = 0;
        for (Upload upload : files) {
            Path target = root.resolve(upload.path());
            Files.createDirectories(target.getParent());
            try (var in = upload.open();
                 OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                in.transferTo(out);
            }
            progress.sent(++count, bytes += upload.size());
        }
        return sizes(directory);
    }

    @Override
    public Map<String, Long> sizes(String directory) throws IOException {
        Path root = path(directory);
        Map<String, Long> sizes = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    sizes.put(root.relativize(file).toString().replace('\\', '/'), attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sizes;
    }

    @Override
    public Map<String, String> sha256(String directory, List<String> relativePaths) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        List<String> sorted = new ArrayList<>(relativePaths);
        for (String relative : sorted) {
            try (var in = Files.newInputStream(path(directory).resolve(relative))) {
                digests.put(relative, DigestUtils.sha256Hex(in));
            }
        }
        return digests;
    }

    @Override
    public void close() {
    }
}
