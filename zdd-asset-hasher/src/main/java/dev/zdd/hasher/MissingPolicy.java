package dev.zdd.hasher;

/** What hashing does with a reference to an asset that does not exist. */
public enum MissingPolicy {
    /** Stop before anything is written. */
    FAIL,
    /** Keep the reference as written and report a warning. */
    WARN,
    /** Keep the reference as written, silently. */
    KEEP,
    /** Remove the construct holding the reference (a source-map comment) and report a warning. */
    STRIP
}
