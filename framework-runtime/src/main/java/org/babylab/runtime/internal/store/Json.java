package org.babylab.runtime.internal.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON conventions of the store: one configured {@link ObjectMapper} for metadata files, and the
 * canonical form that cache keys are hashed over. Thread-safe (the mapper is configured once).
 */
public final class Json {
    /** Mapper for store files: null fields omitted, unknown fields tolerated so newer runtimes can add fields. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    private Json() {}

    /**
     * The canonical JSON text of a JSON-like value or record: map keys sorted at every depth, numbers
     * normalised so that {@code 1}, {@code 1.0} and {@code 1.00} are written alike (YAML writers and
     * Jackson disagree on how to spell a number, and that must not change a key), no whitespace.
     */
    public static String canonical(Object value) {
        Object tree = value instanceof Map
                        || value instanceof Collection
                        || value == null
                        || value instanceof String
                        || value instanceof Number
                        || value instanceof Boolean
                ? value
                : MAPPER.convertValue(value, Object.class);
        try {
            return MAPPER.writeValueAsString(normalise(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-like: " + e.getOriginalMessage(), e);
        }
    }

    /** A record or bean as a JSON-like map tree. */
    public static Map<String, Object> toTree(Object value) {
        return MAPPER.convertValue(value, TREE);
    }

    /** Reads a JSON file, naming the file in the error. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Object normalise(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), normalise(x)));
            return sorted;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(normalise(x)));
            return out;
        }
        if (v instanceof Number n) {
            return normaliseNumber(n);
        }
        return v;
    }

    private static Object normaliseNumber(Number n) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (n instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return f.toString();
        }
        BigDecimal d = n instanceof BigDecimal b
                ? b
                : n instanceof BigInteger bi
                        ? new BigDecimal(bi)
                        : n instanceof Double || n instanceof Float
                                ? new BigDecimal(n.toString())
                                : BigDecimal.valueOf(n.longValue());
        d = d.stripTrailingZeros();
        if (d.scale() <= 0) {
            return d.toBigIntegerExact();
        }
        return d;
    }
}
