package dev.zdd.hasher;

import dev.zdd.hasher.refs.ParsedFile;
import dev.zdd.hasher.refs.Reference;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.TextCodec;

import java.util.List;

/**
 * A text file with what hashing will change in it.
 *
 * @param bytes    the file as read, written unchanged when there is nothing to change
 * @param rewrites references to hashed assets, each with the site path of its target
 * @param strips   references whose construct is removed (a source-map comment naming a missing map)
 */
record PlannedFile(SiteFile file, ParsedFile parsed, TextCodec codec, byte[] bytes, List<Rewrite> rewrites,
                   List<Reference> strips) {

    record Rewrite(Reference reference, String target) {
    }
}
