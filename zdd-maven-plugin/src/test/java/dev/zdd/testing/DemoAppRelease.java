package dev.zdd.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Builds releases of {@link DemoApp} as a team's build would: {@code app.jar} (runnable, the same bytes in every
 * version, so a deploy hard-links it) and {@code app.properties} saying how this version behaves.
 */
public final class DemoAppRelease {
    /** The start command for these releases: a JVM that starts quickly, as zdd.start. */
    public static final String START = "exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx64m -jar app.jar";

    private DemoAppRelease() {
    }

    /** A release folder under {@code dir} for {@code version}, with extra properties such as {@code health=fail}. */
    public static Path create(Path dir, String version, Map<String, String> behaviour) {
        try {
            Path folder = dir.resolve(version);
            Files.createDirectories(folder);
            writeJar(folder.resolve("app.jar"));
            String properties = "version=" + version + "\n" + behaviour.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n";
            Files.writeString(folder.resolve("app.properties"), properties);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path create(Path dir, String version) {
        return create(dir, version, Map.of());
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, DemoApp.class.getName());
        Path classes;
        try {
            classes = Path.of(DemoApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String prefix = DemoApp.class.getName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            // Written by hand with a fixed time, so every version's jar has the same bytes.
            JarEntry manifestEntry = new JarEntry(java.util.jar.JarFile.MANIFEST_NAME);
            manifestEntry.setTime(0);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            out.closeEntry();
            if (Files.isDirectory(classes)) {
                Path folder = classes.resolve(prefix).getParent();
                try (var entries = Files.list(folder)) {
                    for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith("DemoApp")
                            && p.getFileName().toString().endsWith(".class")
                            && !p.getFileName().toString().startsWith("DemoAppRelease")).sorted().toList()) {
                        JarEntry jarEntry = new JarEntry(prefix.substring(0, prefix.lastIndexOf('/') + 1)
                                + entry.getFileName());
                        jarEntry.setTime(0);
                        out.putNextEntry(jarEntry);
                        Files.copy(entry, out);
                        out.closeEntry();
                    }
                }
            } else {
                // From the test-jar (the it module): copy the app's classes out of it.
                try (var in = new java.util.jar.JarFile(classes.toFile())) {
                    for (JarEntry entry : in.stream().filter(e -> e.getName().startsWith(prefix)
                            && !e.getName().startsWith(prefix + "Release")).sorted(java.util.Comparator.comparing(
                            JarEntry::getName)).toList()) {
                        JarEntry copy = new JarEntry(entry.getName());
                        copy.setTime(0);
                        out.putNextEntry(copy);
                        in.getInputStream(entry).transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
