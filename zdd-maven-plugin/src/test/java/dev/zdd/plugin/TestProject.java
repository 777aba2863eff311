package dev.zdd.plugin;

import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Maven project laid out in a temporary folder: the harness's project (a Mockito spy of a real
 * {@link MavenProject}) is pointed at it, so {@code ${basedir}} and {@code ${project.build.directory}} resolve there
 * and every default path of the mojos lands inside the test's folder.
 */
final class TestProject {
    final Path basedir;

    private TestProject(Path basedir) {
        this.basedir = basedir;
    }

    /**
     * Points {@code project} at {@code basedir}. Must run before the mojo is injected (a {@code @BeforeEach}), since
     * the harness evaluates {@code ${basedir}} while it configures the mojo.
     */
    static TestProject in(Path basedir, MavenProject project) {
        // setFile also sets the basedir, which is what PluginParameterExpressionEvaluator reads for ${basedir}.
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(basedir.resolve("target").toString());
        return new TestProject(basedir);
    }

    /** {@code ${basedir}/src/main/site}, the mojos' default {@code siteDirectory}. */
    Path site() {
        return basedir.resolve("src/main/site");
    }

    Path target() {
        return basedir.resolve("target");
    }

    Path resolve(String path) {
        return basedir.resolve(path);
    }

    /** Writes a file of the site folder. */
    TestProject siteFile(String path, String text) {
        return siteFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    TestProject siteFile(String path, byte[] bytes) {
        write(site().resolve(path), bytes);
        return this;
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code root}, relative, with '/' separators, sorted; empty if it does not exist. */
    static List<String> files(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code length} hex characters of the SHA-256 of {@code bytes}: computed here, not by zdd. */
    static String sha256(byte[] bytes, int length) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
