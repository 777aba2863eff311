package dev.zdd.migrate.backfill;

import java.time.Duration;
import java.util.Locale;

/**
 * How long to wait between batches: {@code auto} waits as long as the last batch took, so the backfill holds row
 * locks at most half of the time and writers always get the other half; a fixed duration suits a known load.
 *
 * @param fixed the fixed pause, or null for {@code auto}
 */
public record Pause(Duration fixed) {
    public static final Pause AUTO = new Pause(null);

    public static Pause parse(String text) {
        if (text == null || text.isBlank() || text.trim().toLowerCase(Locale.ROOT).equals("auto")) {
            return AUTO;
        }
        return new Pause(Millis.parse(text, "zdd.pause"));
    }

    /** The pause after a batch that took {@code lastBatch}. */
    public Duration after(Duration lastBatch) {
        return fixed == null ? lastBatch : fixed;
    }

    @Override
    public String toString() {
        return fixed == null ? "auto" : fixed.toMillis() + "ms";
    }
}
