package org.babylab.toolkit.scoring;

/**
 * What one {@link SequenceScorer#score} call cost, for logs and the benchmark.
 *
 * @param requests requests scored
 * @param distinctSequences distinct token sequences among them (identical ones are read once)
 * @param modelSequences sequences actually sent to the model (sequences that are a prefix of
 *     another are read from the longer one's forward pass)
 * @param modelTokens tokens sent to the model, padding not counted
 * @param batches calls to {@link org.babylab.api.model.LanguageModel#logProbs}
 */
public record ScoringStats(int requests, int distinctSequences, int modelSequences, long modelTokens, int batches) {
    public static final ScoringStats NONE = new ScoringStats(0, 0, 0, 0, 0);
}
