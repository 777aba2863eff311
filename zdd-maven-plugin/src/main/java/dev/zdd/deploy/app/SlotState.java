package dev.zdd.deploy.app;

import dev.zdd.deploy.FlatJson;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What zdd last did with a slot ({@code slots/<slot>/slot.json}): which release it runs and in what role. Whether
 * the process still runs is asked of the host, never taken from here.
 *
 * @param release   the release started there, or null
 * @param role      live, kept (idle, running until {@code keptUntil}), stopped or failed
 * @param instance  the id given to the process at its start
 * @param since     when it took this role
 * @param keptUntil when a kept slot stops, or null
 */
public record SlotState(Slot slot, String release, String role, String instance, Instant since, Instant keptUntil) {
    public static final String LIVE = "live";
    public static final String KEPT = "kept";
    public static final String STOPPED = "stopped";
    public static final String STARTING = "starting";

    public SlotState as(String newRole, Instant until) {
        return new SlotState(slot, release, newRole, instance, Instant.now(), until);
    }

    public static SlotState read(Transport transport, SlotLayout slots, Slot slot) throws IOException {
        Map<String, Object> f;
        try {
            f = FlatJson.read(new String(transport.read(slots.state(slot)), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new SlotState(slot, null, STOPPED, null, null, null);
        }
        return new SlotState(slot, text(f, "release"), text(f, "role"), text(f, "instance"), time(f, "since"),
                time(f, "keptUntil"));
    }

    public void write(Transport transport, SlotLayout slots) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("slot", slot.id());
        f.put("release", release);
        f.put("role", role);
        f.put("instance", instance);
        f.put("since", since == null ? null : since.toString());
        f.put("keptUntil", keptUntil == null ? null : keptUntil.toString());
        transport.createDirectories(slots.slot(slot));
        transport.writeAtomically(slots.state(slot), (FlatJson.write(f) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Map<String, Object> f, String name) {
        Object value = f.get(name);
        return value == null ? null : value.toString();
    }

    private static Instant time(Map<String, Object> f, String name) {
        String value = text(f, name);
        return value == null ? null : Instant.parse(value);
    }
}
