package dev.zdd.hasher.refs;

/** Finds the URL references in one syntax (CSS, a JS file's source-map comment, a web manifest, ...). */
@FunctionalInterface
public interface ReferenceExtractor {
    /** Reports each reference in {@code text} to {@code sink}, with ranges relative to {@code text}. */
    void extract(String text, ReferenceSink sink);
}
