package org.babylab.plugins.eval.glue;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a (first, second) text pair of a (Super)GLUE example becomes one token sequence.
 *
 * <p>The BabyLM 2025 pipeline calls {@code tokenizer(text_a, text_b)}: the two texts are encoded
 * apart and joined by the tokenizer's pair template. For a byte-level BPE whose post-processor adds
 * no tokens (BabyLab's own {@code bpe} exports, GPT-2 style tokenizers) that is the first text's
 * tokens followed directly by the second's, whose first word is then encoded without its leading
 * space ({@link #SEPARATE}). {@link #JOINED}, BabyLab's default, encodes {@code first + " " + second}
 * once, so the boundary word is tokenized as it would be in running text.
 */
public enum PairEncoding {
    /** One encoding of {@code first + " " + second}. */
    JOINED("joined"),
    /** {@code encode(first)} followed by {@code encode(second)}, nothing between (the pipeline with a byte-level BPE). */
    SEPARATE("separate");

    private final String id;

    PairEncoding(String id) {
        this.id = id;
    }

    /** The YAML spelling. */
    public String id() {
        return id;
    }

    /** The rule spelled {@code id}; an error listing the valid spellings otherwise. */
    public static PairEncoding parse(String id) {
        for (PairEncoding p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("pair_encoding: unknown value '" + id + "'; valid: "
                + Arrays.stream(values()).map(PairEncoding::id).collect(Collectors.joining(", ")));
    }

    /** The token ids of the pair under this rule, without BOS and before truncation. */
    int[] ids(org.babylab.api.model.Tokenizer tokenizer, String first, String second) {
        if (this == JOINED) {
            return tokenizer.encode(first + " " + second).ids();
        }
        int[] a = tokenizer.encode(first).ids();
        int[] b = tokenizer.encode(second).ids();
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
