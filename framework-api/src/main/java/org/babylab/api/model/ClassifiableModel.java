package org.babylab.api.model;

/**
 * A {@link LanguageModel} that can expose its final hidden states through a classifier and be
 * fine-tuned as one: the capability that fine-tuning evaluators ((Super)GLUE) ask for
 * ({@code model instanceof ClassifiableModel}); families whose models have it say so with
 * {@link org.babylab.api.spi.ModelFactory#classifies()}. Added in API 0.4.
 */
public interface ClassifiableModel extends LanguageModel {

    /** The width of the final hidden state the head reads. */
    int hiddenSize();

    /** A new classifier on a copy of this model's current weights; this model is left unchanged. */
    SequenceClassifier classifier(ClassifierConfig config);
}
