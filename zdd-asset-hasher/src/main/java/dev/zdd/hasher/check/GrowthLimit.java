package dev.zdd.hasher.check;

import dev.zdd.hasher.text.ByteSize;

/**
 * How much a size may grow over the baseline: {@code 10%}, {@code 50KB}, or both ({@code 10%+50KB}: exceeding
 * either fails).
 */
public record GrowthLimit(Double percent, Long bytes) {

    public static GrowthLimit parse(String text) {
        Double percent = null;
        Long bytes = null;
        for (String part : text.split("\\+")) {
            String p = part.trim();
            if (p.endsWith("%")) {
                try {
                    percent = Double.parseDouble(p.substring(0, p.length() - 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + p + "' is not a percentage like 10%");
                }
            } else if (!p.isEmpty()) {
                bytes = ByteSize.parse(p);
            }
        }
        if (percent == null && bytes == null) {
            throw new IllegalArgumentException("a growth limit is a percentage, a size or both, like 10%+50KB; was '"
                    + text + "'");
        }
        return new GrowthLimit(percent, bytes);
    }

    /** Whether growing from {@code before} to {@code after} bytes goes past this limit. */
    public boolean exceededBy(long before, long after) {
        long growth = after - before;
        if (growth <= 0) {
            return false;
        }
        boolean overBytes = bytes != null && growth > bytes;
        boolean overPercent = percent != null && (before == 0 || growth * 100.0 / before > percent);
        return overBytes || overPercent;
    }

    @Override
    public String toString() {
        if (percent != null && bytes != null) {
            return percent + "% or " + ByteSize.format(bytes);
        }
        return percent != null ? percent + "%" : ByteSize.format(bytes);
    }
}
