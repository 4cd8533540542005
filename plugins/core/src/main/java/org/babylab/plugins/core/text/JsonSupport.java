package org.babylab.plugins.core.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The one strict JSON reader the dataset uses. Thread-safe (a configured {@link ObjectMapper} is). */
final class JsonSupport {
    /** Duplicate keys and text after the object are errors: silently taking one of them hides broken files. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonSupport() {}

    /** The parser's own message, without Jackson's source-location suffix (callers add {@code file:line}). */
    static String message(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? e.toString() : m.replaceAll("\\s+", " ").strip();
    }

    /** A JSON type name for error messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map) {
            return "an object";
        } else if (value instanceof List) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        }
        return value.getClass().getSimpleName();
    }
}
