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
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            long n = Long.parseLong(m.group(1));
            return switch (unit) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            // Past a long's range: still the user's typo, so the same exception type and the setting's name.
            throw new IllegalArgumentException(setting + ": '" + text + "' is longer than any duration zdd can wait",
                    e);
        }
    }
}
