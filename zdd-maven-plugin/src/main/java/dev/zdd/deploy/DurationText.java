package dev.zdd.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 30m}, {@code 2h}; a bare number is seconds. */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(s|m|h)?\\s*");

    private DurationText() {
    }

    public static Duration parse(String text, String setting) {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not a duration like 90s, 30m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
