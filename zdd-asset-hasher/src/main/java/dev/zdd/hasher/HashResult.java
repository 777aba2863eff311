package dev.zdd.hasher;

import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.report.Diagnostic;

import java.nio.file.Path;
import java.util.List;

/**
 * What a hashing run produced.
 *
 * @param output     the staged release folder
 * @param manifest   what it holds
 * @param warnings   problems that did not stop the run, in file order
 * @param statistics counts and timing
 */
public record HashResult(Path output, Manifest manifest, List<Diagnostic> warnings, Statistics statistics) {

    /**
     * @param files       files in the site folder that were published
     * @param hashed      of which got a content hash in their name
     * @param rewritten   references rewritten to hashed names
     * @param cycles      reference cycles resolved with a shared hash
     * @param bytesIn     bytes read from the site folder
     * @param bytesOut    bytes written to the output folder (without the manifest)
     * @param millis      wall-clock duration of the run
     */
    public record Statistics(int files, int hashed, int rewritten, int cycles, long bytesIn, long bytesOut,
                             long millis) {
    }
}
