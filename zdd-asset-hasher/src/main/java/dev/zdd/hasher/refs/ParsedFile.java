package dev.zdd.hasher.refs;

import java.util.List;
import java.util.Set;

/**
 * A text file read for references.
 *
 * @param path       site-relative path
 * @param text       the file's text, decoded losslessly (see {@code TextCodec})
 * @param references every URL found, in text order
 * @param anchors    fragment targets the file defines ({@code id} and {@code <a name>} in HTML); empty elsewhere
 */
public record ParsedFile(String path, String text, List<Reference> references, Set<String> anchors) {
    public ParsedFile {
        references = List.copyOf(references);
        anchors = Set.copyOf(anchors);
    }
}
