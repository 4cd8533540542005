package org.babylab.plugins.rewards;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;

/**
 * Config of the {@code length} reward: 1 for a response of {@code min_words..max_words} words,
 * {@code max(0, 1 - slope * d)} for one {@code d} words outside that range.
 */
@Doc("1 for a response whose word count is in [min_words, max_words], falling linearly by slope per word outside")
public record LengthConfig(
        @Required @Doc("Fewest words of the target range") Integer minWords,
        @Required @Doc("Most words of the target range") Integer maxWords,

        @Doc("Reward lost per word outside the range (default 0.25)")
        Double slope) {
    public LengthConfig {
        if (minWords == null || maxWords == null) {
            throw new IllegalArgumentException("min_words and max_words are required");
        }
        if (minWords < 0 || maxWords < minWords) {
            throw new IllegalArgumentException(
                    "need 0 <= min_words <= max_words, got " + minWords + " and " + maxWords);
        }
        slope = slope == null ? 0.25 : slope;
        if (!(slope >= 0)) {
            throw new IllegalArgumentException("slope must be >= 0, got " + slope);
        }
    }
}
