package dev.zdd.hasher.check;

/** A file's size in the baseline and now, by its path in the site folder; 0 where it did not exist. */
public record FileChange(String path, long before, long after) {
    public long growth() {
        return after - before;
    }
}
