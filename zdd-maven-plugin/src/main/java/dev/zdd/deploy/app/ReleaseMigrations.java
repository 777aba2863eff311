package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.FlatJson;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migrations a release carries, as recorded on the target ({@code releases/<id>/.zdd/migrations.json}): every
 * version, and which of them contract the schema (with the file and what makes it one).
 *
 * @param versions  every migration version, in order
 * @param contracts contract migrations: version → file and reason, e.g. {@code V3__drop.sql (3:1 DROP COLUMN email)}
 */
public record ReleaseMigrations(List<String> versions, Map<String, String> contracts) {

    public static ReleaseMigrations none() {
        return new ReleaseMigrations(List.of(), Map.of());
    }

    static String path(DeployLayout layout, String releaseId) {
        return layout.release(releaseId) + "/.zdd/migrations.json";
    }

    /** What a release on the target carries, or null when nothing was recorded (deployed before zdd knew). */
    static ReleaseMigrations read(Transport transport, DeployLayout layout, String releaseId) throws IOException {
        Map<String, Object> f;
        try {
            f = FlatJson.read(new String(transport.read(path(layout, releaseId)), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, String> contracts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : f.entrySet()) {
            if (field.getKey().startsWith("contract ")) {
                contracts.put(field.getKey().substring("contract ".length()), String.valueOf(field.getValue()));
            }
        }
        return new ReleaseMigrations(AppSettings.list(String.valueOf(f.getOrDefault("versions", ""))), contracts);
    }

    void write(Transport transport, DeployLayout layout, String releaseId) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("versions", String.join(",", versions));
        contracts.forEach((version, what) -> f.put("contract " + version, what));
        transport.writeAtomically(path(layout, releaseId), (FlatJson.write(f) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Contract migrations here that {@code live} does not carry (all of them when live recorded nothing). */
    List<String> newContracts(ReleaseMigrations live) {
        List<String> fresh = new ArrayList<>();
        for (Map.Entry<String, String> contract : contracts.entrySet()) {
            if (live == null || !live.versions().contains(contract.getKey())) {
                fresh.add(contract.getValue());
            }
        }
        return fresh;
    }
}
