package org.babylab.api.model;

import java.util.Arrays;

/**
 * One continuation of one prompt.
 *
 * @param tokens the generated token ids, in order, up to and including the token that ended the
 *     sequence (an EOS, or the token completing a stop string); never null
 * @param text the decoded continuation, cut just before the first stop string it contains
 * @param finish why the sequence ended
 */
public record Generation(int[] tokens, String text, Finish finish) {
    /** Why a sequence ended. */
    public enum Finish {
        /** it generated EOS */
        EOS,
        /** its continuation contains a stop string */
        STOP_STRING,
        /** it reached {@link GenerationConfig#maxNewTokens()} */
        LENGTH
    }

    public Generation {
        if (tokens == null || text == null || finish == null) {
            throw new IllegalArgumentException("tokens, text and finish are required");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Generation g
                && Arrays.equals(tokens, g.tokens)
                && text.equals(g.text)
                && finish == g.finish;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tokens) + text.hashCode()) + finish.hashCode();
    }

    @Override
    public String toString() {
        return "Generation[" + finish + ", " + text + "]";
    }
}
