package dev.zdd.hasher.refs;

import java.util.function.Predicate;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Visits every string value of a JSON text with its path and the character range of its raw contents, so a
 * value can be replaced in place and every other byte of the file stays as written.
 */
final class JsonStrings {
    /** Path segment standing for any array index. */
    static final String ANY_INDEX = "[]";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @FunctionalInterface
    interface Visitor {
        /** {@code path}: object keys, and {@link #ANY_INDEX} for array elements. */
        void string(List<String> path, String value, TextRange raw);
    }

    private JsonStrings() {
    }

    static final UrlEncoder ENCODER = url -> new String(JsonStringEncoder.getInstance().quoteAsString(url));

    /**
     * Walks {@code json}; on malformed input reports to {@code sink} and visits nothing, so that no string of a
     * file that is left as it is gets rewritten.
     */
    static void visit(String json, ReferenceSink sink, Predicate<List<String>> wanted,
                      Visitor visitor) {
        List<String> path = new ArrayList<>();
        List<Runnable> visits = new ArrayList<>();
        // A byte order mark, which browsers skip, becomes a space: Jackson rejects it, and offsets stay the same.
        String text = json.startsWith("\uFEFF") ? " " + json.substring(1) : json;
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT -> path.add("");
                    case START_ARRAY -> path.add(ANY_INDEX);
                    case END_OBJECT, END_ARRAY -> path.remove(path.size() - 1);
                    case FIELD_NAME -> path.set(path.size() - 1, parser.currentName());
                    case VALUE_STRING -> {
                        if (!wanted.test(path)) {
                            // Not asking for the text lets the parser skip the string (source maps are mostly
                            // one long "mappings" string).
                            continue;
                        }
                        int start = (int) parser.currentTokenLocation().getCharOffset();
                        String value = parser.getText();
                        int end = (int) parser.currentLocation().getCharOffset();
                        List<String> at = List.copyOf(path);
                        visits.add(() -> visitor.string(at, value, new TextRange(start + 1, end - 1)));
                    }
                    default -> {
                    }
                }
            }
            visits.forEach(Runnable::run);
        } catch (JsonProcessingException e) {
            sink.warn("malformed-json", (int) Math.max(0, e.getLocation() == null ? 0
                    : e.getLocation().getCharOffset()), "not valid JSON, its references are left as they are: "
                    + e.getOriginalMessage(), "fix the JSON syntax at this position");
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }
}
