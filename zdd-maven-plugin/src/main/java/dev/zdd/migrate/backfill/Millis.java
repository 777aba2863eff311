package dev.zdd.migrate.backfill;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short durations as people write them for databases: {@code 50ms}, {@code 2s}, {@code 1m}; a bare number is
 * milliseconds, as in PostgreSQL's own {@code lock_timeout}.
 */
final class Millis {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m)?\\s*");

    private Millis() {
    }

    static Duration parse(String text, String setting) {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not a duration like 50ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofMillis(n);
        };
    }
}
