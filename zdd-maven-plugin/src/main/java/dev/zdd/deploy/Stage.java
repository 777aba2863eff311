package dev.zdd.deploy;

import java.util.Locale;

/** The named steps of a deploy, as the log and the build output call them. */
public enum Stage {
    STARTED, LOCKED, PLANNED, UPLOADED, VERIFIED, PUBLISHED, LOGGED, PRUNED, FINISHED, FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
