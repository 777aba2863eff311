package dev.zdd.hasher.refs;

import java.util.Objects;

/**
 * One URL written in one file: where it is, what it says, and how to write a replacement in the same place.
 * Hashing rewrites references; site checks resolve them. Both read the same references.
 *
 * @param source    site-relative path ({@code /}-separated) of the file that contains the reference
 * @param kind      the construct it was written in
 * @param url       the URL as a browser reads it: entities and escapes of the surrounding syntax decoded,
 *                  percent-encoding kept
 * @param range     where the URL's raw text is in the source file's text
 * @param line      1-based line of {@code range.start()}
 * @param column    1-based column of {@code range.start()}
 * @param encoder   writes a new URL into this place
 * @param removable the whole construct, when the reference may be dropped (a source-map comment); else null
 */
public record Reference(String source, ReferenceKind kind, String url, TextRange range, int line, int column,
                        UrlEncoder encoder, TextRange removable) {

    public Reference {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(encoder, "encoder");
    }

    /** {@code file:line:column}, the way compilers and editors print a position. */
    public String location() {
        return source + ":" + line + ":" + column;
    }

    /** The text that replaces {@link #range()} when the URL becomes {@code newUrl}. */
    public String replacementFor(String rawText, String newUrl) {
        return rawText.equals(url) ? newUrl : encoder.encode(newUrl);
    }
}
