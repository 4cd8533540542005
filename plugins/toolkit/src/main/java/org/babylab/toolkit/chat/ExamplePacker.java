package org.babylab.toolkit.chat;

import java.util.ArrayList;
import java.util.List;
import org.babylab.api.chat.PackedSequence;
import org.babylab.api.chat.TokenizedExample;

/**
 * Packs tokenized examples, in their given order, into sequences of a fixed length: each example
 * goes whole into the current sequence when it fits, else starts the next one (an example longer
 * than the length is truncated to it first). The order of examples is kept, so packing a phase's
 * examples in manifest order trains them in that order. Stateless and thread-safe.
 */
public final class ExamplePacker {
    private ExamplePacker() {}

    /**
     * @param examples the examples, in training order
     * @param length the sequence length, >= 1
     * @param padId the id written into unused positions
     */
    public static List<PackedSequence> pack(List<TokenizedExample> examples, int length, int padId) {
        if (length < 1) {
            throw new IllegalArgumentException("sequence length must be >= 1, got " + length);
        }
        List<PackedSequence> out = new ArrayList<>();
        Builder current = new Builder(length, padId);
        for (TokenizedExample example : examples) {
            TokenizedExample e = example.truncate(length);
            if (!current.fits(e)) {
                out.add(current.build());
                current = new Builder(length, padId);
            }
            current.add(e);
        }
        if (current.used > 0) {
            out.add(current.build());
        }
        return out;
    }

    private static final class Builder {
        final int[] ids;
        final boolean[] mask;
        final int[] positions;
        final int[] segments;
        int used;
        int count;

        Builder(int length, int padId) {
            ids = new int[length];
            mask = new boolean[length];
            positions = new int[length];
            segments = new int[length];
            java.util.Arrays.fill(ids, padId);
            java.util.Arrays.fill(segments, -1);
        }

        boolean fits(TokenizedExample e) {
            return used + e.length() <= ids.length;
        }

        void add(TokenizedExample e) {
            for (int i = 0; i < e.length(); i++) {
                ids[used + i] = e.ids()[i];
                mask[used + i] = e.lossMask()[i];
                positions[used + i] = i;
                segments[used + i] = count;
            }
            used += e.length();
            count++;
        }

        PackedSequence build() {
            return new PackedSequence(ids, mask, positions, segments);
        }
    }
}
