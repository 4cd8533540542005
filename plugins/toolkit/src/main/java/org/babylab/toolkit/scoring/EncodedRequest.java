package org.babylab.toolkit.scoring;

/**
 * A request turned into the token sequence the model reads and the positions to sum.
 *
 * @param sequence the ids given to the model, BOS first when the tokenizer has one; empty only
 *     when nothing is scored
 * @param from first position whose log-prob is summed (>= 1: position 0 is never scorable)
 * @param to one past the last summed position; {@code from == to} means nothing is scored and the
 *     model need not be called
 * @param firstTokenUnscored the continuation began at position 0 and its first token was dropped
 *
 * <p>Made by {@link RequestEncoder#encode}; public so that an evaluator that builds its own batches
 * (or checks a scorer, as the test kit's reference scorer does) sums exactly the positions the
 * built-in scorer sums. The array is not copied: callers must not modify it.
 */
public record EncodedRequest(int[] sequence, int from, int to, boolean firstTokenUnscored) {
    public EncodedRequest {
        boolean scoresSomething = from != to;
        if (scoresSomething && (from < 1 || to < from || to > sequence.length)) {
            throw new IllegalArgumentException(
                    "summed positions [" + from + ", " + to + ") do not fit a sequence of " + sequence.length);
        }
    }

    /** True when at least one log-prob is summed, i.e. the model has to read the sequence. */
    public boolean needsModel() {
        return from != to;
    }

    /**
     * Sums {@code lp[from..to)} in position order, so every scorer adds the same numbers in the same order.
     *
     * @param lp the model's log-probs for {@link #sequence()} (or for a longer sequence it is a prefix of)
     */
    public ContinuationScore sum(double[] lp) {
        double total = 0.0;
        for (int i = from; i < to; i++) {
            total += lp[i];
        }
        return new ContinuationScore(total, to - from, firstTokenUnscored);
    }
}
