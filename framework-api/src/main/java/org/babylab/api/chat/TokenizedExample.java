package org.babylab.api.chat;

import java.util.Arrays;

/**
 * One training example as token ids with its loss mask.
 *
 * <p>{@code lossMask[i]} says whether the loss covers predicting {@code ids[i]} (from
 * {@code ids[0..i-1]}). A packed batch must keep examples apart: attention must not cross from one
 * example into another, and positions restart at each example.
 *
 * @param ids token ids, non-empty
 * @param lossMask same length as {@code ids}
 */
public record TokenizedExample(int[] ids, boolean[] lossMask) {
    public TokenizedExample {
        if (ids == null || lossMask == null || ids.length != lossMask.length) {
            throw new IllegalArgumentException("ids and lossMask must be non-null and of equal length");
        }
    }

    public int length() {
        return ids.length;
    }

    /** How many tokens the loss covers. */
    public int trainableTokens() {
        int n = 0;
        for (boolean b : lossMask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /**
     * The first {@code maxLength} tokens (an example longer than the model's context is cut, keeping
     * the prompt and the start of the reply). Returns this when it already fits.
     */
    public TokenizedExample truncate(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
        return ids.length <= maxLength
                ? this
                : new TokenizedExample(Arrays.copyOf(ids, maxLength), Arrays.copyOf(lossMask, maxLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedExample t && Arrays.equals(ids, t.ids) && Arrays.equals(lossMask, t.lossMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(lossMask);
    }

    @Override
    public String toString() {
        return "TokenizedExample" + Arrays.toString(ids) + " mask " + Arrays.toString(lossMask);
    }
}
