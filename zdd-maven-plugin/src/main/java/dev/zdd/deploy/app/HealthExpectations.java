package dev.zdd.deploy.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a health answer's JSON body must say beyond "2xx": {@code /status=UP, /components/db/status=UP}, each a
 * JSON pointer (RFC 6901) and the value it must hold, compared as text ({@code true}, {@code 3}, {@code UP}).
 */
public final class HealthExpectations {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Object NULL = new Object();

    private final List<Expectation> expectations;

    private record Expectation(String text, JsonPointer pointer, String value) {
    }

    private HealthExpectations(List<Expectation> expectations) {
        this.expectations = expectations;
    }

    /** @throws IllegalArgumentException for an expectation that is not {@code /pointer=value} */
    public static HealthExpectations parse(List<String> texts) {
        List<Expectation> parsed = new ArrayList<>();
        for (String text : texts) {
            int eq = text.indexOf('=');
            if (!text.startsWith("/") || eq < 0) {
                throw new IllegalArgumentException("zdd.healthJson: '" + text + "' is not /json/pointer=value, e.g."
                        + " /status=UP");
            }
            try {
                parsed.add(new Expectation(text, JsonPointer.compile(text.substring(0, eq).strip()),
                        text.substring(eq + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zdd.healthJson: '" + text + "': " + e.getMessage(), e);
            }
        }
        return new HealthExpectations(List.copyOf(parsed));
    }

    public boolean isEmpty() {
        return expectations.isEmpty();
    }

    /** What does not hold for this body, one line each; empty when all do. */
    public List<String> unmet(String body) {
        if (expectations.isEmpty()) {
            return List.of();
        }
        Object tree;
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            tree = read(parser);
        } catch (IOException e) {
            return List.of("the body is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        List<String> unmet = new ArrayList<>();
        for (Expectation expectation : expectations) {
            Object found = find(tree, expectation.pointer());
            String actual = found == null ? null : found == NULL ? "null" : found.toString();
            if (!expectation.value().equals(actual)) {
                unmet.add(expectation.text() + " expected, but " + expectation.pointer() + " is "
                        + (found == null ? "missing" : found instanceof String ? "\"" + actual + "\"" : actual));
            }
        }
        return unmet;
    }

    private static Object find(Object tree, JsonPointer pointer) {
        Object node = tree;
        for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
            if (node instanceof Map<?, ?> object) {
                node = object.get(at.getMatchingProperty());
            } else if (node instanceof List<?> array && at.getMatchingIndex() >= 0
                    && at.getMatchingIndex() < array.size()) {
                node = array.get(at.getMatchingIndex());
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** The value at the parser's current token as maps, lists, strings, numbers, booleans and {@link #NULL}. */
    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IOException("empty");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }
}
