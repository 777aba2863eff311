package dev.zdd.hasher.site;

import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists a site folder's files in a stable order (by path, never by time). Symbolic links are followed while they
 * stay inside the site; one that points outside is an error, because a deploy would publish whatever it names.
 */
public final class SiteScanner {
    /** The code of a problem with a file's name, as opposed to {@code unsafe-link}. */
    public static final String UNREADABLE_NAME = "unreadable-name";
    private final List<Glob> ignore;
    private final List<Glob> assets;
    private final List<Glob> exclude;
    private final List<Glob> webManifests;

    public SiteScanner(List<Glob> ignore, List<Glob> assets, List<Glob> exclude, List<Glob> webManifests) {
        this.ignore = ignore;
        this.assets = assets;
        this.exclude = exclude;
        this.webManifests = webManifests;
    }

    /** The site's files sorted by path, or the problems that stop it from being read. */
    public Scan scan(Path root, Predicate<Path> skip) throws IOException {
        Path realRoot = root.toRealPath();
        List<SiteFile> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (skip.test(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!FileNames.isFaithful(dir)) {
                            problems.add(unreadableName(root, dir));
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!dir.toRealPath().startsWith(realRoot)) {
                            problems.add(unsafe(relative(root, dir), "a symbolic link leads outside the site to "
                                    + dir.toRealPath()));
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String path = relative(root, file);
                        if (!attrs.isRegularFile() || Glob.anyMatches(ignore, path)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (!FileNames.isFaithful(file)) {
                            problems.add(unreadableName(root, file));
                            return FileVisitResult.CONTINUE;
                        }
                        // Only a link can lead out (its folders were checked on the way in); realpath is costly.
                        if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(realRoot)) {
                            problems.add(unsafe(path, "a symbolic link leads outside the site to "
                                    + file.toRealPath()));
                            return FileVisitResult.CONTINUE;
                        }
                        files.add(new SiteFile(path, file, attrs.size(),
                                FileType.of(path, Glob.anyMatches(webManifests, path)), isAsset(path)));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        if (e instanceof FileSystemLoopException) {
                            problems.add(unsafe(relative(root, file), "a symbolic link loops back to a parent folder"));
                            return FileVisitResult.CONTINUE;
                        }
                        throw new UncheckedIOException(e);
                    }
                });
        files.sort(Comparator.comparing(SiteFile::path));
        return new Scan(List.copyOf(files), List.copyOf(problems));
    }

    /** Whether a file at {@code path} is hashed (whether or not it exists). */
    public boolean isAsset(String path) {
        return Glob.anyMatches(assets, path) && !Glob.anyMatches(exclude, path);
    }

    private static Diagnostic unsafe(String path, String message) {
        return new Diagnostic(Severity.ERROR, "unsafe-link", path, 0, 0, "", message,
                "copy the file into the site instead of linking to it");
    }

    private static Diagnostic unreadableName(Path root, Path file) {
        return new Diagnostic(Severity.ERROR, UNREADABLE_NAME, FileNames.escaped(root, file), 0, 0, "",
                "the name is not valid UTF-8 (bytes shown as \\xNN), so it cannot be written, linked or listed"
                        + " as it is",
                "rename it in UTF-8; convmv converts names from another encoding");
    }

    private static String relative(Path root, Path file) {
        String separator = file.getFileSystem().getSeparator();
        String rootText = root.toString();
        String fileText = file.toString();
        // The walk names each file as root.resolve(...), so its text is the root's, a separator and the rest:
        // cut it off rather than relativize, which compares name by name (most of a scan's time was that).
        String relative = !rootText.isEmpty() && !rootText.endsWith(separator) && fileText.startsWith(rootText)
                && fileText.startsWith(separator, rootText.length())
                ? fileText.substring(rootText.length() + separator.length())
                : root.relativize(file).toString();
        return relative.replace(separator, "/");
    }

    public record Scan(List<SiteFile> files, List<Diagnostic> problems) {
    }
}
