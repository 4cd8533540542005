package org.babylab.api.model;

/**
 * How a {@link ClassifiableModel} builds and trains a classifier: the head of the BabyLM evaluation
 * pipeline on a pooled final hidden state, {@code LayerNorm (no affine) -> Linear(d, d) -> GELU ->
 * LayerNorm (no affine) -> Dropout -> Linear(d, classes)}, trained with AdamW together with the
 * whole model. Added in API 0.4.
 *
 * @param classes number of classes, >= 2
 * @param pooling which hidden states feed the head
 * @param dropout dropout probability before the last linear layer, in [0, 1)
 * @param layerNormEps epsilon of both layer norms, > 0
 * @param weightDecay AdamW's decoupled weight decay, >= 0 (applied to every parameter)
 * @param beta1 AdamW's first-moment decay, in [0, 1)
 * @param beta2 AdamW's second-moment decay, in [0, 1)
 * @param adamEps AdamW's epsilon, > 0
 * @param seed seeds the head's initialisation and the dropout masks (mask of step {@code s} depends on seed and s only)
 * @param packed true: several sequences share a row without attending to each other (no padding
 *     computed); false: one right-padded sequence per row, as the pipeline batches
 */
public record ClassifierConfig(
        int classes,
        Pooling pooling,
        double dropout,
        double layerNormEps,
        double weightDecay,
        double beta1,
        double beta2,
        double adamEps,
        long seed,
        boolean packed) {
    public ClassifierConfig {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (pooling == null) {
            throw new IllegalArgumentException("pooling is required");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(layerNormEps > 0) || !(adamEps > 0)) {
            throw new IllegalArgumentException(
                    "layer-norm and AdamW epsilons must be > 0, got " + layerNormEps + " and " + adamEps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
    }

    /** The BabyLM pipeline's defaults for {@code classes} classes: last-token pooling, dropout 0.1, eps 1e-5, AdamW wd 0.01, betas 0.9/0.999, eps 1e-8, seed 42, packed. */
    public static ClassifierConfig defaults(int classes) {
        return new ClassifierConfig(classes, Pooling.LAST, 0.1, 1e-5, 0.01, 0.9, 0.999, 1e-8, 42, true);
    }
}
