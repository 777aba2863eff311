package dev.zdd.hasher.refs;

/** Maps offsets in a decoded or embedded text back to offsets in the file it came from. */
@FunctionalInterface
public interface OffsetMap {
    int map(int offset);

    OffsetMap IDENTITY = offset -> offset;

    static OffsetMap shift(int by) {
        return offset -> offset + by;
    }

    default TextRange map(TextRange range) {
        return new TextRange(map(range.start()), map(range.end()));
    }

    /** Maps through {@code inner} first, then this map. */
    default OffsetMap andThen(OffsetMap inner) {
        return offset -> map(inner.map(offset));
    }
}
