package dev.zdd.migrate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flyway migration version: numbers separated by dots or underscores, compared number by number as Flyway
 * does (1.10 comes after 1.9; 1.0 and 1 are the same version).
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    private final String text;
    private final List<BigInteger> parts;

    private MigrationVersion(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException when {@code text} is not numbers separated by dots or underscores */
    public static MigrationVersion parse(String text) {
        String normalized = text.replace('_', '.');
        if (!normalized.matches("[0-9]+(\\.[0-9]+)*")) {
            throw new IllegalArgumentException("'" + text + "' is not a migration version");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : normalized.split("\\.")) {
            parts.add(new BigInteger(part));
        }
        // Trailing zeros do not count: 1.0 is 1.
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new MigrationVersion(normalized, List.copyOf(parts));
    }

    @Override
    public int compareTo(MigrationVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && parts.equals(v.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** As written, with underscores shown as dots. */
    @Override
    public String toString() {
        return text;
    }
}
