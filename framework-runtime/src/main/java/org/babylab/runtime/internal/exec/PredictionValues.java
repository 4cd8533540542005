package org.babylab.runtime.internal.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * The rule for what a prediction may hold, so that {@code predictions.jsonl} reads back as what the
 * evaluator wrote: strings, numbers, booleans, null, and lists and maps (with string keys) of those.
 * Anything else (a record, an enum, an array, a {@code Path}) would be serialised however a JSON
 * library sees fit, or not at all, so it is refused with the key that holds it. Nulls are kept: a
 * missing value is data too (e.g. a reading-time row without a surprisal).
 *
 * <p>Stateless and thread-safe; the test kit's step context applies the same rule.
 */
public final class PredictionValues {
    private PredictionValues() {}

    /**
     * Checks one prediction.
     *
     * @throws IllegalArgumentException naming the offending key path and the value's class, and what is allowed
     */
    public static void check(Map<String, Object> prediction) {
        if (prediction == null) {
            throw new IllegalArgumentException("a prediction must be a map, not null");
        }
        checkMap(prediction, "");
    }

    private static void checkMap(Map<?, ?> map, String path) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("prediction " + (path.isEmpty() ? "" : "key '" + path + "' ")
                        + "has a key "
                        + e.getKey() + " of type "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                        + "; map keys must be strings");
            }
            checkValue(e.getValue(), path.isEmpty() ? key : path + "." + key);
        }
    }

    private static void checkValue(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Boolean || isPlainNumber(v)) {
            return;
        }
        if (v instanceof Map<?, ?> m) {
            checkMap(m, path);
            return;
        }
        if (v instanceof Collection<?> c) {
            int i = 0;
            for (Object x : c) {
                checkValue(x, path + "[" + i++ + "]");
            }
            return;
        }
        throw new IllegalArgumentException(
                "prediction key '" + path + "' holds a " + v.getClass().getName()
                        + ", which is not a JSON value; a prediction holds strings, numbers, booleans, null, and lists and maps"
                        + " (string keys) of those: convert it first (e.g. String.valueOf(x), List.of(...), an array via Arrays.stream(a).boxed().toList())");
    }

    private static boolean isPlainNumber(Object v) {
        return v instanceof Integer
                || v instanceof Long
                || v instanceof Double
                || v instanceof Float
                || v instanceof Short
                || v instanceof Byte
                || v instanceof BigDecimal
                || v instanceof BigInteger;
    }
}
