package org.babylab.api.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which final hidden states of a sequence a {@link SequenceClassifier} reads. Added in API 0.4.
 */
public enum Pooling {
    /** The last token's state: for a causal decoder the only one that has seen the whole input. */
    LAST("last"),
    /** The first token's state, as the BabyLM pipeline does by default (for a decoder it sees one token). */
    FIRST("first"),
    /** The mean of all the sequence's token states. */
    MEAN("mean");

    private final String id;

    Pooling(String id) {
        this.id = id;
    }

    /** The YAML spelling. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the valid choices */
    public static Pooling parse(String text) {
        for (Pooling p : values()) {
            if (p.id.equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("pooling '" + text + "' is not one of "
                + Arrays.stream(values()).map(Pooling::id).collect(Collectors.joining(", ")));
    }
}
