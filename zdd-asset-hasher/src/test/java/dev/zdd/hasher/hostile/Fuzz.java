package dev.zdd.hasher.hostile;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a property over generated inputs, reproducibly: try {@code i} draws from a {@link Random} seeded with the
 * base seed and {@code i}, so a failure names the seed and try that reproduce it, and prints the input escaped.
 *
 * <p>The normal build runs each property a bounded number of times with a fixed seed (the same inputs every
 * run, so a red build is never luck). A long run scales the tries and picks another seed:
 * {@code -Dzdd.fuzz.scale=100 -Dzdd.fuzz.seed=42}. Inputs found this way are kept as plain regression tests.
 */
public final class Fuzz {
    /** Multiplies every property's tries; 1 in the normal build. */
    public static final String SCALE = "zdd.fuzz.scale";
    public static final String SEED = "zdd.fuzz.seed";

    private Fuzz() {
    }

    /** Checks {@code property} on {@code tries} (times the scale) inputs made by {@code generator}. */
    public static <T> void check(int tries, Function<Random, T> generator, Consumer<T> property) {
        long seed = Long.getLong(SEED, 20261204L);
        long total = (long) tries * Integer.getInteger(SCALE, 1);
        for (long i = 0; i < total; i++) {
            T input = generator.apply(new Random(seed * 1_000_003L + i));
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                fail("property failed on try " + i + " (-D" + SEED + "=" + seed + "): " + describe(input)
                        + "\n  " + e, e);
            }
        }
    }

    /** Java-escaped text, so control characters and lone surrogates can be pasted into a regression test. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String describe(Object input) {
        if (input instanceof String s) {
            return escape(s.length() > 2000 ? s.substring(0, 2000) + "..." : s);
        }
        return escape(String.valueOf(input));
    }

    /** Text of 0 to {@code maxPieces} pieces, each drawn from {@code pieces}. */
    public static String text(Random random, List<String> pieces, int maxPieces) {
        int n = random.nextInt(maxPieces + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(pieces.get(random.nextInt(pieces.size())));
        }
        return out.toString();
    }

    /** One of {@code choices}. */
    @SafeVarargs
    public static <T> T oneOf(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
