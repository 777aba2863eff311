package dev.zdd.hasher.refs;

import dev.zdd.hasher.report.Diagnostic;

import java.util.List;
import java.util.Set;

/**
 * A text file read for references.
 *
 * @param path       site-relative path
 * @param text       the file's text, decoded losslessly (see {@code TextCodec})
 * @param references every URL found, in text order
 * @param anchors    fragment targets the file defines ({@code id} and {@code <a name>} in HTML); empty elsewhere
 * @param problems   parts of the file that could not be read
 * @param baseHref   the {@code href} of an HTML page's {@code <base>}, against which its relative URLs resolve;
 *                   null when it has none (and for other files)
 */
public record ParsedFile(String path, String text, List<Reference> references, Set<String> anchors,
                         List<Diagnostic> problems, String baseHref) {
    public ParsedFile {
        references = List.copyOf(references);
        anchors = Set.copyOf(anchors);
        problems = List.copyOf(problems);
    }

    public ParsedFile(String path, String text, List<Reference> references, Set<String> anchors,
                      List<Diagnostic> problems) {
        this(path, text, references, anchors, problems, null);
    }
}
