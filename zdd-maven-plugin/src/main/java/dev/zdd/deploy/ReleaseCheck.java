package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a release on the target still holds what its manifest lists, every file with its size: checked before
 * a release goes live again, since files may have been deleted by hand or by an interrupted prune since it was
 * verified at upload.
 */
final class ReleaseCheck {
    private final Transport transport;
    private final DeployLayout layout;
    private final ReleaseStore store;

    ReleaseCheck(Transport transport, DeployLayout layout, ReleaseStore store) {
        this.transport = transport;
        this.layout = layout;
        this.store = store;
    }

    /** What is wrong with the release, one line each; empty when it is whole. */
    List<String> problems(String id) throws IOException {
        Manifest manifest = store.manifest(id);
        if (manifest == null) {
            return List.of("it has no readable .zdd/manifest.json");
        }
        Map<String, Long> sizes = transport.sizes(layout.release(id));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ManifestEntry> file : manifest.files().entrySet()) {
            Long size = sizes.get(file.getKey());
            if (size == null) {
                problems.add(file.getKey() + " is missing");
            } else if (size != file.getValue().size()) {
                problems.add(file.getKey() + " has " + size + " bytes, the manifest says " + file.getValue().size());
            }
        }
        return problems;
    }

    /** The problems as one line for a message: how many, and the first few. */
    static String summary(List<String> problems, int files) {
        int shown = Math.min(5, problems.size());
        return problems.size() + " of " + files + " file(s) damaged: " + String.join("; ", problems.subList(0, shown))
                + (problems.size() > shown ? "; …" : "");
    }
}
