package dev.zdd.hasher.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings written as {@code key=value} pairs separated by commas or new lines, such as
 * {@code js=300KB, css=50KB}: one form that works alike on the command line and in a POM.
 */
public final class KeyValues {
    private KeyValues() {
    }

    /** The pairs in order; {@code setting} names the setting in error messages. */
    public static Map<String, String> parse(String text, String setting) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null) {
            return pairs;
        }
        for (String entry : text.split("[,\\n]")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.lastIndexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException(setting + ": '" + e + "' is not of the form key=value");
            }
            pairs.put(e.substring(0, eq).trim(), e.substring(eq + 1).trim());
        }
        return pairs;
    }
}
