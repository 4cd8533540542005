package org.babylab.toolkit.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JSON object read from a data file, with where it came from so that every complaint about it
 * names the file and line. Accessors throw {@link DataFormatException} listing the fields present
 * when a required field is missing or has the wrong type. Immutable.
 *
 * @param source the file or zip entry, as shown in messages
 * @param line the 1-based line the object starts on
 * @param node the object
 */
public record JsonRecord(String source, long line, ObjectNode node) {

    /** A required string field. */
    public String text(String field) {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw error("field '" + field + "' must be a string, got "
                    + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    /** An optional string field; absent or null gives empty. */
    public Optional<String> optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw error("field '" + field + "' must be a string, got "
                    + v.getNodeType().name().toLowerCase());
        }
        return Optional.of(v.asText());
    }

    /** A required number field (a numeric string such as {@code "0.5"} is accepted too). */
    public double number(String field) {
        JsonNode v = require(field);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw error("field '" + field + "' must be a number, got \"" + v.asText() + "\"");
            }
        }
        throw error("field '" + field + "' must be a number, got "
                + v.getNodeType().name().toLowerCase());
    }

    /** A required integer field. */
    public int integer(String field) {
        JsonNode v = require(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw error("field '" + field + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    /** A required non-empty list of strings. */
    public List<String> textList(String field) {
        JsonNode v = require(field);
        if (!v.isArray() || v.isEmpty()) {
            throw error("field '" + field + "' must be a non-empty list of strings, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw error("field '" + field + "' must hold only strings, found " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    /** An exception naming this record's file and line. */
    public DataFormatException error(String problem) {
        return new DataFormatException(source, line, problem);
    }

    /** {@code source:line}, for item ids and messages. */
    public String where() {
        return source + ":" + line;
    }

    private JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            List<String> present = new ArrayList<>();
            node.fieldNames().forEachRemaining(present::add);
            throw error("missing field '" + field + "'; fields present: " + present);
        }
        return v;
    }
}
