package org.babylab.plugins.eval.scoring;

/**
 * A request turned into the token sequence the model reads and the positions to sum.
 *
 * @param sequence the ids given to the model, BOS first when the tokenizer has one; empty only
 *     when nothing is scored
 * @param from first position whose log-prob is summed (>= 1: position 0 is never scorable)
 * @param to one past the last summed position; {@code from == to} means nothing is scored and the
 *     model need not be called
 * @param firstTokenUnscored the continuation began at position 0 and its first token was dropped
 */
record EncodedRequest(int[] sequence, int from, int to, boolean firstTokenUnscored) {
    EncodedRequest {
        boolean scoresSomething = from != to;
        if (scoresSomething && (from < 1 || to < from || to > sequence.length)) {
            throw new IllegalArgumentException("summed positions [" + from + ", " + to + ") do not fit a sequence of " + sequence.length);
        }
    }

    /** True when at least one log-prob is summed, i.e. the model has to read the sequence. */
    boolean needsModel() {
        return from != to;
    }

    /** Sums {@code lp[from..to)} in position order, so every scorer adds the same numbers in the same order. */
    ContinuationScore sum(double[] lp) {
        double total = 0.0;
        for (int i = from; i < to; i++) {
            total += lp[i];
        }
        return new ContinuationScore(total, to - from, firstTokenUnscored);
    }
}
