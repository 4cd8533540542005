package org.babylab.api.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A language model as evaluators see it: a tokenizer and per-token log-probabilities. Evaluators use
 * nothing else, so they work with any model family.
 *
 * <p>Scoring ({@link #logProbs}) must be safe to call from one thread at a time; the runtime never
 * scores one instance from two threads concurrently. {@link #close()} frees native memory.
 */
public interface LanguageModel extends AutoCloseable {

    /** The tokenizer whose ids this model reads. */
    Tokenizer tokenizer();

    /** The longest sequence {@link #logProbs} accepts. */
    int maxSequenceLength();

    /**
     * Per-token log-probabilities (natural log) of a batch of token sequences.
     *
     * <p>For each input sequence {@code s} the result holds an array {@code lp} of the same length
     * where {@code lp[i] = log P(s[i] | s[0..i-1])} for {@code i >= 1}. {@code lp[0]} is
     * {@link Double#NaN}: nothing precedes the first token, so callers that want it scored put
     * the tokenizer's BOS in front. {@code lp[i]} depends on {@code s[0..i]} only (the model is causal),
     * so the log-probabilities of a prefix can be read from those of a longer sequence. Results are computed in at least fp32 and must not depend on
     * which other sequences share the batch or on padding.
     *
     * @param sequences non-empty sequences of valid ids, each no longer than {@link #maxSequenceLength()}
     * @throws IllegalArgumentException if a sequence is empty, too long or holds an id out of range
     */
    List<double[]> logProbs(List<int[]> sequences);

    /**
     * A hint for callers that batch: how many tokens one call should carry for good throughput.
     * Defaults to 4096.
     */
    default int preferredBatchTokens() {
        return 4096;
    }

    /** Writes the model, its tokenizer included, into {@code dir} (which exists and is empty). */
    void save(Path dir) throws IOException;

    /** Frees native resources. The model must not be used afterwards. */
    @Override
    default void close() {}
}
