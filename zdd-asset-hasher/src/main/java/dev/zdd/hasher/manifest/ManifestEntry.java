package dev.zdd.hasher.manifest;

/**
 * One file of a staged release.
 *
 * @param source the path it had in the site folder (the same as its own path unless it was hashed)
 * @param size   in bytes
 * @param sha256 hex digest of its content
 */
public record ManifestEntry(String source, long size, String sha256) {
}
