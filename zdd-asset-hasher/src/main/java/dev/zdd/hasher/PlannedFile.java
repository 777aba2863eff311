package dev.zdd.hasher;

import dev.zdd.hasher.refs.Reference;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.TextCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A text file with what hashing will change in it. A full plan keeps the file's bytes and its references from
 * reading to writing (one read, one parse). While the heap has no room for more ({@link #light}), a plan keeps only
 * the paths its references point at (for the order of writing) and the file is read and planned again when it is
 * written: a large site then costs more time, never more memory than its share.
 *
 * @param kept     the file as read; null in a light plan
 * @param size     its length as read
 * @param crc      its CRC-32C as read, in a light plan, to notice a file changed between reading and writing
 * @param rewrites references to hashed assets, each with the site path of its target; null in a light plan
 * @param strips   references whose construct is removed (a source-map comment naming a missing map); null in a
 *                 light plan
 * @param targets  the distinct site paths of the rewrites' targets
 * @param oneBytePerChar whether each byte of the file is one character of its text (Latin-1, or UTF-8 that is
 *                 all ASCII), so that its text need not be decoded to be edited
 */
record PlannedFile(SiteFile file, TextCodec codec, byte[] kept, int size, int crc, List<Rewrite> rewrites,
                   List<Reference> strips, List<String> targets, boolean oneBytePerChar) {

    record Rewrite(Reference reference, String target) {
    }

    static PlannedFile full(SiteFile file, TextCodec codec, byte[] bytes, List<Rewrite> rewrites,
                            List<Reference> strips) {
        return full(file, codec, bytes, rewrites, strips, false);
    }

    static PlannedFile full(SiteFile file, TextCodec codec, byte[] bytes, List<Rewrite> rewrites,
                            List<Reference> strips, boolean oneBytePerChar) {
        return new PlannedFile(file, codec, bytes, bytes.length, 0, List.copyOf(rewrites), List.copyOf(strips),
                rewrites.stream().map(Rewrite::target).distinct().toList(), oneBytePerChar);
    }

    /** Whether hashing changes nothing in the file, so that it is published as it is. */
    boolean unchanged() {
        return targets.isEmpty() && (strips == null || strips.isEmpty());
    }

    boolean isLight() {
        return kept == null;
    }

    /** Roughly the heap a full plan holds: its bytes, and a few hundred bytes per reference and its objects. */
    long weight() {
        return 1024L + size + 512L * ((rewrites == null ? 0 : rewrites.size()) + (strips == null ? 0 : strips.size()));
    }

    /** The same plan keeping only its targets; {@link #reread} gives the full plan back. */
    PlannedFile light() {
        CRC32C crc32c = new CRC32C();
        crc32c.update(kept);
        return new PlannedFile(file, codec, null, size, (int) crc32c.getValue(), null, null, targets,
                oneBytePerChar);
    }

    /** Checks that a plan made again from the file's bytes now is of the same bytes as this light one. */
    void checkSameBytes(byte[] bytes) throws IOException {
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        if (bytes.length != size || (int) crc32c.getValue() != crc) {
            throw new IOException(file.path() + " changed while it was being hashed; run again once the site is"
                    + " built");
        }
    }

    /** The file's bytes as read for references (full plans only). */
    byte[] bytes() {
        return kept;
    }

    /** Reads a file again: for tests of a light plan's check. */
    byte[] readAgain() throws IOException {
        byte[] bytes = Files.readAllBytes(file.file());
        checkSameBytes(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlannedFile p && file.equals(p.file) && Arrays.equals(kept, p.kept) && size == p.size
                && crc == p.crc && Objects.equals(rewrites, p.rewrites)
                && Objects.equals(strips, p.strips) && targets.equals(p.targets) && codec.equals(p.codec)
                && oneBytePerChar == p.oneBytePerChar;
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }

    @Override
    public String toString() {
        return "PlannedFile[" + file.path() + ", " + targets.size() + " targets" + (isLight() ? ", light]" : "]");
    }
}
