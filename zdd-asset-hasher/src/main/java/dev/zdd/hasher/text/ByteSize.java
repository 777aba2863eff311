package dev.zdd.hasher.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: {@code 1500}, {@code 250KB}, {@code 1.5 MB}, {@code 2MiB}. KB is 1000 bytes, KiB 1024. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|mb|mib|gb|gib)?\\s*");

    private ByteSize() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write it like 1500, 250KB, 1.5MB"
                    + " or 2MiB");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "kb" -> 1000L;
            case "kib" -> 1024L;
            case "mb" -> 1000L * 1000;
            case "mib" -> 1024L * 1024;
            case "gb" -> 1000L * 1000 * 1000;
            case "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.round(number * factor);
    }

    /** {@code 999 B}, {@code 12.3 kB}, {@code 4.56 MB}: three significant digits, decimal units. */
    public static String format(long bytes) {
        long abs = Math.abs(bytes);
        if (abs < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        String pattern = Math.abs(value) >= 100 ? "%.0f %s" : Math.abs(value) >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, pattern, value, units[unit]);
    }

    /** Like {@link #format} with an explicit sign: {@code +1.20 kB}, {@code -300 B}. */
    public static String formatChange(long bytes) {
        return (bytes >= 0 ? "+" : "-") + format(Math.abs(bytes));
    }
}
