package org.babylab.toolkit.choice;

import java.util.Locale;

/**
 * What a tie between the gold answer and the best alternative counts as.
 *
 * <p>The BabyLM pipeline takes {@code argmax} over the scores with gold at index 0, so every tie
 * goes to the gold answer (its issue #34): a model that gives every option the same score scores
 * 100%. {@link #WRONG} is the default here; {@link #GOLD} reproduces the pipeline's numbers.
 */
public enum TieRule {
    /** A tie is not a win: the honest rule, and the default. */
    WRONG,
    /** A tie counts as correct, as the BabyLM pipeline's argmax does. */
    GOLD;

    /**
     * Parses the {@code ties} config value.
     *
     * @param value {@code wrong}, {@code gold} (any case), or null for the default {@link #WRONG}
     * @throws IllegalArgumentException naming the key and the valid values
     */
    public static TieRule parse(String value) {
        if (value == null) {
            return WRONG;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "wrong" -> WRONG;
            case "gold" -> GOLD;
            default ->
                throw new IllegalArgumentException(
                        "ties: '" + value
                                + "' is not a tie rule; use 'wrong' (default: a tie is not a win) or 'gold' (the BabyLM pipeline's argmax, which hands ties to the gold answer)");
        };
    }

    /** The config spelling, {@code wrong} or {@code gold}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
