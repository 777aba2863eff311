package dev.zdd.deploy;

import java.util.Locale;

/**
 * The named steps of a deploy, as the log and the build output call them, in order. An app deploy adds its own
 * between verified and published (launched on the idle slot, healthy, warmed, switched) and watches after.
 * A failure before {@link #PUBLISHED} leaves the live release live.
 */
public enum Stage {
    STARTED, LOCKED, PLANNED, UPLOADED, VERIFIED, LAUNCHED, HEALTHY, WARMED, SWITCHED, PUBLISHED, WATCHED, LOGGED,
    PRUNED, FINISHED, FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
