package org.babylab.plugins.rewards;

import org.babylab.api.config.Doc;

/** Config of the {@code chrf} reward; defaults are sacrebleu's chrF (orders 1-6, beta 2, spaces removed). */
@Doc("chrF: character n-gram F-score of the response against the best-matching reference (sacrebleu's defaults)")
public record ChrfConfig(
        @Doc("Largest character n-gram order (default 6)") Integer charOrder,

        @Doc("Recall weight beta of the F-score (default 2)")
        Double beta) {
    public ChrfConfig {
        charOrder = charOrder == null ? 6 : charOrder;
        beta = beta == null ? 2.0 : beta;
        if (charOrder < 1 || !(beta > 0)) {
            throw new IllegalArgumentException(
                    "char_order must be >= 1 and beta > 0, got " + charOrder + " and " + beta);
        }
    }
}
