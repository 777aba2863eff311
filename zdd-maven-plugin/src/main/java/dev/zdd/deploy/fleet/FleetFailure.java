package dev.zdd.deploy.fleet;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.Stage;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fleet deploy or rollback that failed on some host: the message names the host that failed and what every host
 * serves now, so nobody has to log in to find out.
 */
public final class FleetFailure extends DeployException {
    private final Map<String, String> serving;

    FleetFailure(Stage stage, String what, Map<String, String> serving, Throwable cause) {
        super(stage, what + "\n" + serving.entrySet().stream()
                .map(host -> "  " + host.getKey() + ": " + host.getValue())
                .collect(Collectors.joining("\n")), cause);
        this.serving = Map.copyOf(serving);
    }

    /** Each host's state after the failure, by host name ("serves 20261204T…", "unknown: …"). */
    public Map<String, String> serving() {
        return serving;
    }
}
