package dev.zdd.hasher.check;

import dev.zdd.hasher.manifest.Manifest;

import java.io.IOException;

/** Where the sizes of the previous release come from: a manifest file now, the live release's later. */
public interface Baseline {
    /** For reports: {@code target/baseline.json}, {@code ssh://host/site (release 20261124-abc)}. */
    String describe();

    /** The baseline's manifest, or null when there is none yet (nothing deployed): growth is then not checked. */
    Manifest load() throws IOException;
}
