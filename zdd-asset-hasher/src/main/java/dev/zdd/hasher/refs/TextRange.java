package dev.zdd.hasher.refs;

/** A half-open range {@code [start, end)} of character offsets in a file's text. */
public record TextRange(int start, int end) {
    public TextRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    public TextRange shift(int offset) {
        return new TextRange(start + offset, end + offset);
    }

    public int length() {
        return end - start;
    }
}
