package dev.zdd.hasher.refs;

import java.util.Set;

/** Reads one file's text into its references (and, for pages, its anchors). */
@FunctionalInterface
public interface FileReader {
    ParsedFile read(String path, String text);

    /** A reader for a syntax without anchors. */
    static FileReader of(ReferenceExtractor extractor) {
        return (path, text) -> {
            ReferenceSink sink = new ReferenceSink(path, text);
            extractor.extract(text, sink);
            return new ParsedFile(path, text, sink.references(), Set.of(), sink.problems());
        };
    }
}
