package org.babylab.plugins.core.ngram;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Configuration of an {@code ngram} model.
 *
 * @param trainOn the dataset whose texts are counted, each document one sentence; required
 * @param order the n-gram order N (the model conditions on N-1 previous words), 1..10, default 3
 * @param minCount words seen fewer times than this in training become {@code <unk>}; default 2, so
 *     that {@code <unk>} is trained on the corpus's rare words and gets realistic probability mass
 *     for unseen words at test time (with 1 it gets only the interpolated uniform share)
 * @param lowercase lower-case words before counting and lookup; default false
 */
@Doc("A word n-gram language model with interpolated modified Kneser-Ney smoothing.")
public record NgramConfig(
        @Required @Ref(ComponentKind.DATASET) @Doc("The dataset to count n-grams in; each document is one sentence.")
        String trainOn,

        @Doc("The n-gram order: the model conditions on order-1 previous words (1..10).")
        Integer order,

        @Doc("Words seen fewer times than this become <unk>, which gives <unk> realistic probability (>= 1).")
        Integer minCount,

        @Doc("Lower-case words before counting and lookup.") Boolean lowercase) {

    /** The default order. */
    public static final int DEFAULT_ORDER = 3;
    /** The default min_count. */
    public static final int DEFAULT_MIN_COUNT = 2;

    public NgramConfig {
        if (trainOn == null || trainOn.isBlank()) {
            throw new IllegalArgumentException("train_on must name a dataset declared under datasets:");
        }
        order = order == null ? DEFAULT_ORDER : order;
        if (order < 1 || order > NgramFile.MAX_ORDER) {
            throw new IllegalArgumentException("order must be between 1 and " + NgramFile.MAX_ORDER + ", got " + order);
        }
        minCount = minCount == null ? DEFAULT_MIN_COUNT : minCount;
        if (minCount < 1) {
            throw new IllegalArgumentException("min_count must be >= 1 (1 keeps every word), got " + minCount);
        }
        lowercase = lowercase != null && lowercase;
    }

    /** A config training on {@code dataset} with order {@code order} and the other defaults. */
    public static NgramConfig of(String dataset, int order) {
        return new NgramConfig(dataset, order, null, null);
    }
}
