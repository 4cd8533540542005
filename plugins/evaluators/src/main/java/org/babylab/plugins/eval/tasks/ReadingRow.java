package org.babylab.plugins.eval.tasks;

/**
 * One row of the reading-times CSV, as the evaluator uses it. Numeric fields are NaN where the CSV
 * holds {@code NA}, an empty cell or {@code NaN}.
 *
 * @param line the 1-based line of the row in the CSV (the header is line 1)
 * @param context the text before the word ({@code item}); never null
 * @param word the word whose surprisal is wanted
 * @param previousContext the text before the previous word ({@code prev_item}), or null when the
 *     previous word is the first of its sentence
 * @param previousWord the previous word, or null with {@code previousContext}
 * @param frequency {@code Subtlex_log10}
 * @param length {@code length}
 * @param contextLength {@code context_length}
 * @param previousLength {@code prev_length}
 * @param eyeTracking {@code RTfirstfix, RTfirstpass, RTgopast, RTrightbound}, in that order
 * @param selfPaced {@code self_paced_reading_time}
 */
record ReadingRow(
        long line,
        String context,
        String word,
        String previousContext,
        String previousWord,
        double frequency,
        double length,
        double contextLength,
        double previousLength,
        double[] eyeTracking,
        double selfPaced) {}
