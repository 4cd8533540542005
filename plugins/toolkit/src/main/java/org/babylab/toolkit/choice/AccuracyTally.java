package org.babylab.toolkit.choice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts outcomes for one group of items. Not thread-safe.
 */
public final class AccuracyTally {
    private long items;
    private long correct;
    private long ties;
    private long normCorrect;
    private long normTies;

    public void add(ItemResult r) {
        items++;
        if (r.outcome() == Outcome.CORRECT) {
            correct++;
        } else if (r.outcome() == Outcome.TIE) {
            ties++;
        }
        if (r.normalisedOutcome() == Outcome.CORRECT) {
            normCorrect++;
        } else if (r.normalisedOutcome() == Outcome.TIE) {
            normTies++;
        }
    }

    /** Adds another tally's counts to this one. */
    public void merge(AccuracyTally other) {
        items += other.items;
        correct += other.correct;
        ties += other.ties;
        normCorrect += other.normCorrect;
        normTies += other.normTies;
    }

    public long items() {
        return items;
    }

    public long ties() {
        return ties;
    }

    /** Accuracy on summed log-probs under {@code rule}; NaN for an empty group. */
    public double accuracy(TieRule rule) {
        return fraction(correct + (rule == TieRule.GOLD ? ties : 0));
    }

    /** Accuracy on per-token mean log-probs under {@code rule}; NaN for an empty group. */
    public double normalisedAccuracy(TieRule rule) {
        return fraction(normCorrect + (rule == TieRule.GOLD ? normTies : 0));
    }

    private double fraction(long n) {
        return items == 0 ? Double.NaN : (double) n / items;
    }

    /**
     * This group's metrics: {@code accuracy} under {@code rule}, both tie rules spelled out so numbers
     * compare with the pipeline either way, tie counts and the length-normalised variants.
     */
    public Map<String, Double> metrics(TieRule rule) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy(rule));
        m.put("accuracy_ties_wrong", accuracy(TieRule.WRONG));
        m.put("accuracy_ties_gold", accuracy(TieRule.GOLD));
        m.put("ties", (double) ties);
        m.put("accuracy_length_normalised", normalisedAccuracy(rule));
        m.put("ties_length_normalised", (double) normTies);
        m.put("items", (double) items);
        return m;
    }
}
