package dev.zdd.hasher.refs;

import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects references while a file is read. Extractors report raw ranges in the text they were given; a sink
 * created by {@link #nested} maps those ranges into the enclosing file, so CSS inside an HTML {@code style}
 * attribute or JSON inside a {@code <script>} reports positions in the HTML file.
 */
public final class ReferenceSink {
    private final String source;
    private final Lines lines;
    private final OffsetMap offsets;
    private final UrlEncoder outerEncoder;
    private final List<Reference> references;
    private final List<Diagnostic> problems;

    public ReferenceSink(String source, CharSequence fileText) {
        this(source, new Lines(fileText), OffsetMap.IDENTITY, UrlEncoder.VERBATIM, new ArrayList<>(),
                new ArrayList<>());
    }

    private ReferenceSink(String source, Lines lines, OffsetMap offsets, UrlEncoder outerEncoder,
                          List<Reference> references, List<Diagnostic> problems) {
        this.source = source;
        this.lines = lines;
        this.offsets = offsets;
        this.outerEncoder = outerEncoder;
        this.references = references;
        this.problems = problems;
    }

    /** A sink for text embedded in this file, whose offsets map through {@code map} and whose writes are escaped by {@code encoder}. */
    public ReferenceSink nested(OffsetMap map, UrlEncoder encoder) {
        return new ReferenceSink(source, lines, offsets.andThen(map), encoder.then(outerEncoder), references,
                problems);
    }

    public String source() {
        return source;
    }

    public void add(ReferenceKind kind, String url, TextRange range, UrlEncoder encoder) {
        add(kind, url, range, encoder, null);
    }

    public void add(ReferenceKind kind, String url, TextRange range, UrlEncoder encoder, TextRange removable) {
        add(kind, url, range, encoder, removable, null);
    }

    /** {@code urlOffsets} maps each offset of {@code url} to an offset in this sink's text. */
    public void add(ReferenceKind kind, String url, TextRange range, UrlEncoder encoder, TextRange removable,
                    OffsetMap urlOffsets) {
        TextRange mapped = offsets.map(range);
        references.add(new Reference(source, kind, url, mapped, lines.index().line(mapped.start()),
                lines.index().column(mapped.start()), encoder.then(outerEncoder),
                removable == null ? null : offsets.map(removable),
                urlOffsets == null ? null : offsets.andThen(urlOffsets)));
    }

    /** Reports text that could not be read (malformed JSON, ...); its references are skipped, not guessed. */
    public void warn(String code, int offset, String message, String hint) {
        int mapped = offsets.map(offset);
        problems.add(new Diagnostic(Severity.WARNING, code, source, lines.index().line(mapped), lines.index().column(mapped), "",
                message, hint));
    }

    public List<Reference> references() {
        return references;
    }

    public List<Diagnostic> problems() {
        return problems;
    }

    /** The file's line index, built on first use: many files hold no reference at all. */
    private static final class Lines {
        private final CharSequence text;
        private LineIndex index;

        Lines(CharSequence text) {
            this.text = text;
        }

        LineIndex index() {
            if (index == null) {
                index = new LineIndex(text);
            }
            return index;
        }
    }
}
