package org.babylab.toolkit.scoring;

/**
 * The score of one {@link ContinuationRequest}.
 *
 * @param logProb sum of the natural-log probabilities of the scored tokens (0 when none could be scored)
 * @param scoredTokens how many tokens were summed, >= 0
 * @param firstTokenUnscored true when the continuation's first token was the first token of the
 *     sequence and the tokenizer has no BOS token, so nothing conditioned it and it was left out
 */
public record ContinuationScore(double logProb, int scoredTokens, boolean firstTokenUnscored) {
    public ContinuationScore {
        if (scoredTokens < 0) {
            throw new IllegalArgumentException("scoredTokens must be >= 0, got " + scoredTokens);
        }
    }

    /**
     * The per-token mean log-probability, the optional length-normalised score. A continuation with
     * no scored token has mean 0, the log-probability of the empty product.
     */
    public double meanLogProb() {
        return scoredTokens == 0 ? 0.0 : logProb / scoredTokens;
    }
}
