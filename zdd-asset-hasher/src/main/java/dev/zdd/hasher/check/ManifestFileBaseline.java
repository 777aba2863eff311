package dev.zdd.hasher.check;

import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A baseline read from a {@code manifest.json}, or from a release folder holding one. */
public record ManifestFileBaseline(Path path) implements Baseline {
    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public Manifest load() throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(Manifest.LOCATION) : path;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no baseline manifest there");
        }
        return ManifestJson.read(file);
    }
}
