package dev.zdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Troubleshooting table quotes the messages users see; the tests that provoke a message check that
 * the quote still matches it, so the two cannot drift apart.
 */
public final class Readme {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private Readme() {
    }

    /**
     * Asserts that the one message the Troubleshooting table quotes with {@code phrase} in it matches {@code actual},
     * each {@code …} in the quote standing for any text.
     */
    public static void assertTroubleshooting(String phrase, String actual) {
        List<String> quoted = troubleshootingMessages().stream().filter(m -> m.contains(phrase)).toList();
        assertEquals(1, quoted.size(), "the README's Troubleshooting table quotes one message with '" + phrase
                + "': " + quoted);
        String[] parts = quoted.get(0).split("…", -1);
        List<String> literal = new ArrayList<>();
        for (String part : parts) {
            literal.add(Pattern.quote(part));
        }
        Pattern pattern = Pattern.compile(String.join(".*?", literal), Pattern.DOTALL);
        assertTrue(pattern.matcher(actual).find(), "the README quotes\n  " + quoted.get(0)
                + "\nbut the message is\n  " + actual);
    }

    /** The code spans of the first column ("you see") of the Troubleshooting table. */
    static List<String> troubleshootingMessages() {
        String readme;
        try {
            readme = Files.readString(Path.of("..", "README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf("\n## Troubleshooting\n");
        assertTrue(start >= 0, "the README has a Troubleshooting section");
        int end = readme.indexOf("\n## ", start + 1);
        List<String> messages = new ArrayList<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (line.startsWith("| `")) {
                Matcher code = CODE.matcher(line.substring(0, line.indexOf(" | ", 2)));
                while (code.find()) {
                    messages.add(code.group(1));
                }
            }
        }
        return messages;
    }
}
