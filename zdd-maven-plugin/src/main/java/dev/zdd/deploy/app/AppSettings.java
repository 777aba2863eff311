package dev.zdd.deploy.app;

import dev.zdd.deploy.DurationText;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an app is run and switched on its target. Kept on the target ({@code .zdd/app.json}) by each deploy, so a
 * rollback needs nothing but the target.
 *
 * @param mode          how traffic moves to the new slot
 * @param ports         the slots' ports, blue then green (nginx mode)
 * @param start         the command that starts the app in its release folder
 * @param stop          the command that stops it, or null for zdd's own (SIGTERM to the process group, then
 *                      SIGKILL); when set, a service manager owns the process and {@code start} must return
 * @param health        the path polled on the new slot until it answers 2xx
 * @param healthHost    the Host header of health and warm-up requests, or null
 * @param healthJson    {@code /json/pointer=value} expectations on the health answer's body
 * @param healthTimeout how long the new slot has to become healthy
 * @param warmup        paths requested on the new slot before users reach it, each must answer 2xx
 * @param upstreamFile  the nginx include zdd owns (nginx mode)
 * @param nginxTest     the command that checks nginx's configuration
 * @param nginxReload   the command that makes nginx read it
 * @param publicUrl     a URL through the proxy that must reach the new release after the switch, or null
 * @param keepOldFor    how long the old slot keeps running, idle, for an instant flip back
 * @param stopTimeout   how long a stopping app has to finish before SIGKILL
 * @param watchFor      how long to keep checking the new slot's health after the switch (flip back on failure)
 */
public record AppSettings(SwitchMode mode, List<Integer> ports, String start, String stop, String health,
                          String healthHost, List<String> healthJson, Duration healthTimeout, List<String> warmup,
                          String upstreamFile, String nginxTest, String nginxReload, String publicUrl,
                          Duration keepOldFor, Duration stopTimeout, Duration watchFor) {

    /** The same settings with another public URL: each host of a fleet is checked through its own proxy. */
    public AppSettings withPublicUrl(String url) {
        return new AppSettings(mode, ports, start, stop, health, healthHost, healthJson, healthTimeout, warmup,
                upstreamFile, nginxTest, nginxReload, url, keepOldFor, stopTimeout, watchFor);
    }

    /** How traffic moves from one slot to the other. */
    public enum SwitchMode {
        /** An include file with the live slot's {@code server} line, checked with {@code nginx -t}, then a reload. */
        NGINX,
        /** A {@code live.sock} symlink to the live slot's unix socket, renamed: no reload at all. */
        SOCKET,
        /**
         * The hosts sit behind a load balancer on other hosts ({@code zdd.proxyTarget}) whose include lists every
         * host's live slot; it is switched once for the whole fleet, and each host only records its live slot.
         */
        SHARED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static SwitchMode of(String text) {
            for (SwitchMode mode : values()) {
                if (mode.id().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("zdd.switch: '" + text + "' is not nginx, socket or shared");
        }
    }

    public AppSettings {
        if (start == null || start.isBlank()) {
            throw new IllegalArgumentException("zdd.start: no start command; give the command that starts the app"
                    + " in its release folder, e.g. java -jar app.jar --server.port=$PORT");
        }
        if (mode != SwitchMode.SOCKET) {
            if (ports.size() != 2 || ports.get(0).equals(ports.get(1))) {
                throw new IllegalArgumentException("zdd.ports: two different ports are needed, one per slot (blue,"
                        + " green), was " + ports);
            }
            for (int port : ports) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("zdd.ports: " + port + " is not a port (1-65535)");
                }
            }
            if (upstreamFile != null && !upstreamFile.startsWith("/")) {
                throw new IllegalArgumentException("zdd.upstreamFile: '" + upstreamFile + "' is not an absolute"
                        + " path on the target");
            }
        }
        if (health == null || !health.startsWith("/")) {
            throw new IllegalArgumentException("zdd.health: '" + health + "' is not a path starting with /");
        }
        for (String path : warmup) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("zdd.warmup: '" + path + "' is not a path starting with /");
            }
        }
        HealthExpectations.parse(healthJson);
        if (publicUrl != null && !publicUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("zdd.publicUrl: '" + publicUrl + "' is not an http(s) URL");
        }
        ports = List.copyOf(ports);
        healthJson = List.copyOf(healthJson);
        warmup = List.copyOf(warmup);
    }

    public int port(Slot slot) {
        return ports.get(slot.ordinal());
    }

    /** Whether zdd runs the process itself (and so knows its pid, its log and whether it still runs). */
    public boolean managed() {
        return stop == null || stop.isBlank();
    }

    /** A comma-separated list as the pom and {@code -D} properties give it, blanks dropped. */
    public static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code 8081,8082} as ports. */
    public static List<Integer> ports(String text) {
        try {
            return list(text).stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("zdd.ports: '" + text + "' is not two ports like 8081,8082");
        }
    }

    /** For {@code .zdd/app.json}. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("switch", mode.id());
        f.put("ports", String.join(",", ports.stream().map(String::valueOf).toList()));
        f.put("start", start);
        f.put("stop", stop);
        f.put("health", health);
        f.put("healthHost", healthHost);
        f.put("healthJson", String.join(",", healthJson));
        f.put("healthTimeout", healthTimeout.toSeconds() + "s");
        f.put("warmup", String.join(",", warmup));
        f.put("upstreamFile", upstreamFile);
        f.put("nginxTest", nginxTest);
        f.put("nginxReload", nginxReload);
        f.put("publicUrl", publicUrl);
        f.put("keepOldFor", keepOldFor.toSeconds() + "s");
        f.put("stopTimeout", stopTimeout.toSeconds() + "s");
        f.put("watchFor", watchFor.toSeconds() + "s");
        return f;
    }

    public static AppSettings of(Map<String, Object> f) {
        return new AppSettings(SwitchMode.of(text(f, "switch")), ports(text(f, "ports")), text(f, "start"),
                text(f, "stop"), text(f, "health"), text(f, "healthHost"), list(text(f, "healthJson")),
                DurationText.parse(text(f, "healthTimeout"), "healthTimeout"), list(text(f, "warmup")),
                text(f, "upstreamFile"), text(f, "nginxTest"), text(f, "nginxReload"), text(f, "publicUrl"),
                DurationText.parse(text(f, "keepOldFor"), "keepOldFor"),
                DurationText.parse(text(f, "stopTimeout"), "stopTimeout"),
                DurationText.parse(text(f, "watchFor"), "watchFor"));
    }

    private static String text(Map<String, Object> f, String name) {
        Object value = f.get(name);
        return value == null ? null : value.toString();
    }
}
