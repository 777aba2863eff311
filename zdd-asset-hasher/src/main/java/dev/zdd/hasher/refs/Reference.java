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
 * @param urlToFile where each character of {@code url} starts in the source file's text (and {@code url.length()}
 *                  where it ends), when known; null otherwise
 */
public record Reference(String source, ReferenceKind kind, String url, TextRange range, int line, int column,
                        UrlEncoder encoder, TextRange removable, OffsetMap urlToFile) {

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

    /** A replacement of {@code range} in the file's text by {@code text}. */
    public record Edit(TextRange range, String text) {
    }

    /**
     * The edit of {@code fileText} that makes this reference say {@code newUrl}. When each character of the URL can be
     * placed in the file, only the characters that change are written, so character references and escapes around
     * them (a query's {@code &amp;}, an {@code &amp=} that is text) stay exactly as written.
     */
    public Edit edit(CharSequence fileText, String newUrl) {
        String rawText = fileText.subSequence(range.start(), range.end()).toString();
        if (urlToFile == null || rawText.equals(url)) {
            return new Edit(range, replacementFor(rawText, newUrl));
        }
        int prefix = 0;
        int limit = Math.min(url.length(), newUrl.length());
        while (prefix < limit && url.charAt(prefix) == newUrl.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < limit - prefix
                && url.charAt(url.length() - 1 - suffix) == newUrl.charAt(newUrl.length() - 1 - suffix)) {
            suffix++;
        }
        // Cut only where a character begins its own piece of source text, never inside a reference that decodes
        // to several characters.
        while (prefix > 0 && urlToFile.map(prefix) == urlToFile.map(prefix - 1)) {
            prefix--;
        }
        int end = url.length() - suffix;
        while (end < url.length() && end > 0 && urlToFile.map(end) == urlToFile.map(end - 1)) {
            end++;
            suffix--;
        }
        String middle = newUrl.substring(prefix, newUrl.length() - suffix);
        return new Edit(new TextRange(urlToFile.map(prefix), urlToFile.map(end)), encoder.encode(middle));
    }
}
