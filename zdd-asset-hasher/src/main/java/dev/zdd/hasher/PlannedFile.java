package dev.zdd.hasher;

import dev.zdd.hasher.refs.Reference;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.TextCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A text file with what hashing will change in it. Only the file's bytes are kept, and only while the heap has
 * room for them ({@link #withoutBytes}): a large site is read again when it is written, so its memory stays bounded
 * by the references, not by the size of its text.
 *
 * @param kept     the file as read, or null when it is to be read again
 * @param size     its length as read
 * @param crc      its CRC-32C as read (when {@code kept} is null), to notice a file changed between reading and writing
 * @param rewrites references to hashed assets, each with the site path of its target
 * @param strips   references whose construct is removed (a source-map comment naming a missing map)
 */
record PlannedFile(SiteFile file, TextCodec codec, byte[] kept, int size, int crc, List<Rewrite> rewrites,
                   List<Reference> strips) {

    record Rewrite(Reference reference, String target) {
    }

    /** Whether hashing changes nothing in the file, so that it is published as it is. */
    boolean unchanged() {
        return rewrites.isEmpty() && strips.isEmpty();
    }

    /** The same plan with its bytes left to be read again. */
    PlannedFile withoutBytes() {
        CRC32C crc32c = new CRC32C();
        crc32c.update(kept);
        return new PlannedFile(file, codec, null, size, (int) crc32c.getValue(), rewrites, strips);
    }

    /** The file's bytes as they were read for references. */
    byte[] bytes() throws IOException {
        if (kept != null) {
            return kept;
        }
        byte[] bytes = Files.readAllBytes(file.file());
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        if (bytes.length != size || (int) crc32c.getValue() != crc) {
            throw new IOException(file.path() + " changed while it was being hashed; run again once the site is"
                    + " built");
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlannedFile p && file.equals(p.file) && Arrays.equals(kept, p.kept) && size == p.size
                && crc == p.crc && rewrites.equals(p.rewrites) && strips.equals(p.strips) && codec.equals(p.codec);
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }

    @Override
    public String toString() {
        return "PlannedFile[" + file.path() + ", " + rewrites.size() + " rewrites, " + strips.size() + " strips]";
    }
}
