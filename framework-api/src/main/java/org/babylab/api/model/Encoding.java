package org.babylab.api.model;

import java.util.Arrays;

/**
 * Token ids of a text together with the character span each token covers.
 *
 * <p>{@code starts[i]} and {@code ends[i]} are offsets into the encoded string (UTF-16 units, as
 * {@link String#substring}) such that token {@code i} covers {@code [starts[i], ends[i])}. Special
 * tokens added by the tokenizer (none are added by {@link Tokenizer#encode}) would have an empty
 * span. Evaluators use the spans to find the tokens that overlap the part of a text being scored.
 *
 * @param ids token ids, never null
 * @param starts inclusive start offsets, same length as {@code ids}
 * @param ends exclusive end offsets, same length as {@code ids}, {@code ends[i] >= starts[i]}
 */
public record Encoding(int[] ids, int[] starts, int[] ends) {
    public Encoding {
        if (ids == null || starts == null || ends == null) {
            throw new IllegalArgumentException("ids, starts and ends must not be null");
        }
        if (starts.length != ids.length || ends.length != ids.length) {
            throw new IllegalArgumentException("ids, starts and ends must have equal lengths, got " + ids.length + ", "
                    + starts.length + ", " + ends.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ends[i] < starts[i]) {
                throw new IllegalArgumentException(
                        "token " + i + " ends (" + ends[i] + ") before it starts (" + starts[i] + ")");
            }
        }
    }

    /** The number of tokens. */
    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e
                && Arrays.equals(ids, e.ids)
                && Arrays.equals(starts, e.starts)
                && Arrays.equals(ends, e.ends);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(starts)) + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        return "Encoding" + Arrays.toString(ids);
    }
}
