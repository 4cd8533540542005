package org.babylab.runtime.internal.dsl;

import java.math.BigInteger;
import org.babylab.runtime.SourceLocation;

/**
 * A scalar: a string, an integer ({@link Long} or {@link BigInteger}), a {@link Double}, a
 * {@link Boolean} or null, typed by YAML's implicit rules ({@code 4} is an integer, {@code "4"}
 * a string).
 *
 * @param value the typed value, possibly null
 * @param text the scalar as written (used when it is substituted into a longer string, so
 *     {@code 2.0e-4} stays {@code 2.0e-4}); never null
 * @param location where it is written
 */
record YamlScalar(Object value, String text, SourceLocation location) implements YamlNode {
    public YamlScalar {
        if (text == null || location == null) {
            throw new IllegalArgumentException("text and location are required");
        }
        if (value != null
                && !(value instanceof String
                        || value instanceof Long
                        || value instanceof BigInteger
                        || value instanceof Double
                        || value instanceof Boolean)) {
            throw new IllegalArgumentException(
                    "unsupported scalar value type " + value.getClass().getName());
        }
    }

    /** A string scalar whose text is the string itself. */
    public static YamlScalar ofString(String value, SourceLocation location) {
        return new YamlScalar(value, value, location);
    }

    /** A null scalar, standing in for a value that could not be resolved. */
    public static YamlScalar ofNull(SourceLocation location) {
        return new YamlScalar(null, "null", location);
    }

    public boolean isString() {
        return value instanceof String;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "the string '" + s + "'";
        }
        if (value instanceof Boolean) {
            return "the boolean " + text;
        }
        return "the number " + text;
    }

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    public YamlScalar at(SourceLocation location) {
        return new YamlScalar(value, text, location);
    }
}
