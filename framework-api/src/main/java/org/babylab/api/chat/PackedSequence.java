package org.babylab.api.chat;

import java.util.Arrays;

/**
 * Several examples packed into one training sequence without letting them see each other: a model
 * must attend from position {@code i} to position {@code j} only when {@link #attends(int, int)}, i.e.
 * {@code j <= i} and both belong to the same example, and must use {@link #positions()} (which restart
 * at 0 for every example) for its position encoding. Unused tail positions are padding: segment -1,
 * never trained.
 *
 * @param ids token ids, padded with {@code padId} to the sequence length
 * @param lossMask per position, whether the loss covers it (the examples' masks; false on padding)
 * @param positions per position, the offset within its example (0 on padding)
 * @param segments per position, the index of its example within this sequence, or -1 for padding
 */
public record PackedSequence(int[] ids, boolean[] lossMask, int[] positions, int[] segments) {
    public PackedSequence {
        if (ids == null
                || lossMask == null
                || positions == null
                || segments == null
                || lossMask.length != ids.length
                || positions.length != ids.length
                || segments.length != ids.length) {
            throw new IllegalArgumentException(
                    "ids, lossMask, positions and segments must be non-null and of equal length");
        }
    }

    /** The sequence length, padding included. */
    public int length() {
        return ids.length;
    }

    /** True when position {@code i} may attend to position {@code j}: causal and within one example. */
    public boolean attends(int i, int j) {
        return j <= i && segments[i] >= 0 && segments[i] == segments[j];
    }

    /** How many examples the sequence holds. */
    public int examples() {
        return Arrays.stream(segments).max().orElse(-1) + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedSequence p
                && Arrays.equals(ids, p.ids)
                && Arrays.equals(lossMask, p.lossMask)
                && Arrays.equals(positions, p.positions)
                && Arrays.equals(segments, p.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(segments);
    }

    @Override
    public String toString() {
        return "PackedSequence" + Arrays.toString(ids) + " segments " + Arrays.toString(segments);
    }
}
