package dev.zdd.deploy.app;

import java.util.Locale;

/** The two places an app release runs: one live, the other idle (or kept for a quick flip back). */
public enum Slot {
    BLUE, GREEN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }

    public static Slot of(String id) {
        for (Slot slot : values()) {
            if (slot.id().equals(id)) {
                return slot;
            }
        }
        throw new IllegalArgumentException("no slot named '" + id + "' (blue or green)");
    }
}
