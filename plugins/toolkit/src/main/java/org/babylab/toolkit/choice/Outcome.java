package org.babylab.toolkit.choice;

/** How the gold option fared against the best alternative under one score. */
public enum Outcome {
    /** Gold scored strictly higher than every alternative. */
    CORRECT,
    /** Gold tied the best alternative exactly. */
    TIE,
    /** Some alternative scored strictly higher than gold. */
    WRONG;

    /**
     * Judges scores whose index 0 is the gold option.
     *
     * @param scores at least two finite or infinite scores, gold first
     * @throws IllegalArgumentException if fewer than two scores are given or any is NaN (a broken
     *     model, not a result)
     */
    public static Outcome judge(double[] scores) {
        if (scores.length < 2) {
            throw new IllegalArgumentException(
                    "need a gold option and at least one alternative, got " + scores.length + " score(s)");
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN; the model returned NaN log-probabilities");
            }
        }
        for (int i = 1; i < scores.length; i++) {
            best = Math.max(best, scores[i]);
        }
        // Exact comparison on purpose: a tie is two options the model cannot tell apart at the
        // precision it reports (identical tokenizations, -inf on both sides), not "close enough".
        if (scores[0] > best) {
            return CORRECT;
        }
        return scores[0] == best ? TIE : WRONG;
    }

    /** Whether this outcome counts as correct under {@code rule}. */
    public boolean countsAsCorrect(TieRule rule) {
        return this == CORRECT || (this == TIE && rule == TieRule.GOLD);
    }
}
