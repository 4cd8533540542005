package org.babylab.api.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A classifier fine-tuned from a {@link ClassifiableModel}: a copy of the model's weights plus a
 * classification head, trained together. The model it came from is never changed. Not thread-safe;
 * {@link #close()} frees its memory. Added in API 0.4.
 */
public interface SequenceClassifier extends AutoCloseable {

    /**
     * One optimiser step on a batch: mean cross-entropy over the batch, backward, AdamW with
     * learning rate {@code lr}. The dropout mask depends on the config's seed and the number of
     * steps taken so far only, so a run resumed from {@link #save} continues identically.
     *
     * @param sequences non-empty token sequences no longer than the model's maximum length
     * @param labels one class in {@code [0, classes)} per sequence
     * @return the batch's mean loss
     */
    double trainStep(List<int[]> sequences, int[] labels, double lr);

    /** Class logits ({@code classes} values per sequence), without dropout; independent of batching up to float rounding. */
    List<double[]> logits(List<int[]> sequences);

    /** Optimiser steps taken so far. */
    long steps();

    /** Writes weights, head and optimiser state into the existing empty directory {@code dir}. */
    void save(Path dir) throws IOException;

    /**
     * Restores what {@link #save} wrote.
     *
     * @throws IOException naming the file when something is missing or belongs to another classifier
     */
    void restore(Path dir) throws IOException;

    /** Writes the fine-tuned model (without the head) as the model family saves it. */
    void saveModel(Path dir) throws IOException;

    @Override
    void close();
}
