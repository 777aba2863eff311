package dev.zdd.deploy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** A release's folder name. Releases are ordered by id, so ids must sort by time; the default ones do. */
public final class ReleaseId {
    /** How many characters of a git SHA a release id and the release table show. */
    public static final int SHORT_SHA = 7;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReleaseId() {
    }

    /** {@code 20261124T061500.123Z} or {@code 20261124T061500.123Z-3f2a1b4}: UTC time, then the short git SHA if known. */
    public static String generate(Instant now, String gitSha) {
        String time = TIME.format(now);
        return gitSha == null || gitSha.isBlank() ? time
                : time + "-" + gitSha.substring(0, Math.min(SHORT_SHA, gitSha.length())).toLowerCase(Locale.ROOT);
    }

    /** {@code id} if it is a safe folder name; else an exception saying why not. */
    public static String validate(String id) {
        if (id == null || !VALID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("release id '" + id + "' is not allowed: use letters, digits, '.',"
                    + " '_' and '-' (no '/', no '..'), starting with a letter or digit, at most 128 characters");
        }
        return id;
    }
}
