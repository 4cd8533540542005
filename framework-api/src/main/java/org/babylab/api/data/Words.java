package org.babylab.api.data;

/**
 * Counts words the way the BabyLM challenge counts its budget: whitespace-separated words of the
 * training text (Python's {@code len(text.split())}: maximal runs of non-whitespace characters).
 * One rule for everything that counts words (plan-time schedules, "words seen" during training), so
 * a checkpoint kept at 10M words means the same everywhere. Added in API 0.5.
 */
public final class Words {
    private Words() {}

    /** The number of whitespace-separated words in {@code text}; 0 for null or blank text. */
    public static long count(CharSequence text) {
        if (text == null) {
            return 0;
        }
        long words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
