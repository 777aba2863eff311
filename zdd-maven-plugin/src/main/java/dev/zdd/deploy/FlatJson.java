package dev.zdd.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small one-level JSON objects a deploy root holds (release.json, the lock's owner.json, each line of
 * deploys.jsonl): string, number and boolean fields, in the order written.
 */
public final class FlatJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private FlatJson() {
    }

    public static String write(Map<String, ?> fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                Object value = field.getValue();
                if (value == null) {
                    continue;
                }
                if (value instanceof Number number) {
                    json.writeNumberField(field.getKey(), number.longValue());
                } else if (value instanceof Boolean bool) {
                    json.writeBooleanField(field.getKey(), bool);
                } else {
                    json.writeStringField(field.getKey(), value.toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The fields of one object; nested values are skipped. Throws {@link IOException} on malformed JSON. */
    public static Map<String, Object> read(String text) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser json = FACTORY.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + abbreviate(text));
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (value) {
                    case VALUE_STRING -> fields.put(name, json.getText());
                    case VALUE_NUMBER_INT -> fields.put(name, json.getLongValue());
                    case VALUE_TRUE, VALUE_FALSE -> fields.put(name, json.getBooleanValue());
                    case START_OBJECT, START_ARRAY -> json.skipChildren();
                    default -> {
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON (" + e.getOriginalMessage() + "): " + abbreviate(text), e);
        }
        return fields;
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
