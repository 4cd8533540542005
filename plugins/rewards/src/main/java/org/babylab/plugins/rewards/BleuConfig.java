package org.babylab.plugins.rewards;

import org.babylab.api.config.Doc;

/**
 * Config of the {@code bleu} reward: sentence BLEU of the response against the references.
 *
 * @param maxOrder the largest n-gram order, uniform weights (default 1: BLEU-1, the llamalogue reward)
 * @param smoothing {@code none} (a zero n-gram precision makes the score 0, as NLTK's method0 and
 *     sacrebleu's {@code none}) or {@code add-one} (Lin and Och 2004: add one to the matches and
 *     the total of every order above 1)
 * @param lowercase compare lower-cased words
 */
@Doc(
        "Sentence BLEU of the response against the references (clipped n-gram precision, closest-reference brevity penalty)")
public record BleuConfig(
        @Doc("Largest n-gram order, weights uniform (default 1: BLEU-1)")
        Integer maxOrder,

        @Doc("none or add-one (Lin & Och 2004 for orders above 1) (default none)")
        String smoothing,

        @Doc("Compare lower-cased words (default false)") Boolean lowercase) {
    public BleuConfig {
        maxOrder = maxOrder == null ? 1 : maxOrder;
        if (maxOrder < 1 || maxOrder > 8) {
            throw new IllegalArgumentException("max_order must be in 1..8, got " + maxOrder);
        }
        smoothing = smoothing == null ? "none" : smoothing;
        if (!smoothing.equals("none") && !smoothing.equals("add-one")) {
            throw new IllegalArgumentException("smoothing '" + smoothing + "' is not one of none, add-one");
        }
        lowercase = lowercase != null && lowercase;
    }
}
