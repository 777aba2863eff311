package dev.zdd.hasher;

/** The name a hashed asset got: its path in the release and the hash part of its name. */
record HashedOutput(String path, String hash) {
    String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
