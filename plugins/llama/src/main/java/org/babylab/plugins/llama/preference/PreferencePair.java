package org.babylab.plugins.llama.preference;

/**
 * One tokenized preference example: the prompt's ids (BOS first) and the ids of the two replies
 * that follow it. Immutable by convention: the arrays are not copied.
 *
 * @param prompt prompt ids, at least one
 * @param chosen the preferred reply's ids, at least one
 * @param rejected the other reply's ids, at least one
 */
public record PreferencePair(int[] prompt, int[] chosen, int[] rejected) {
    public PreferencePair {
        if (prompt.length == 0 || chosen.length == 0 || rejected.length == 0) {
            throw new IllegalArgumentException("a preference pair needs a non-empty prompt and two non-empty replies");
        }
    }

    /** The prompt followed by {@code reply}. */
    static int[] join(int[] prompt, int[] reply) {
        int[] s = new int[prompt.length + reply.length];
        System.arraycopy(prompt, 0, s, 0, prompt.length);
        System.arraycopy(reply, 0, s, prompt.length, reply.length);
        return s;
    }
}
