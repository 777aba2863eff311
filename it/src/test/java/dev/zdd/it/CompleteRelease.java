package dev.zdd.it;

import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.hasher.manifest.ManifestJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fault tests demand of a deploy root after every fault: {@code current} is a whole release. */
final class CompleteRelease {
    private CompleteRelease() {
    }

    /**
     * {@code current} names a release whose manifest's files are all there with their sizes.
     *
     * @return the release id it names
     */
    static String assertCurrent(Path root, String context) throws Exception {
        String link = Files.readSymbolicLink(root.resolve("current")).toString();
        Path release = root.resolve(link);
        assertTrue(Files.isRegularFile(release.resolve(".zdd/release.json")), context + ": " + link
                + " is not a complete release");
        Manifest manifest = ManifestJson.read(release.resolve(Manifest.LOCATION));
        for (Map.Entry<String, ManifestEntry> file : manifest.files().entrySet()) {
            Path path = release.resolve(file.getKey());
            assertTrue(Files.isRegularFile(path) && Files.size(path) == file.getValue().size(), context + ": "
                    + link + " lacks " + file.getKey());
        }
        return release.getFileName().toString();
    }
}
