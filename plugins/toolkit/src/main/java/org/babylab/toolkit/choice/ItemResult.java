package org.babylab.toolkit.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.toolkit.scoring.ContinuationScore;

/**
 * A scored {@link ChoiceItem}.
 *
 * @param item the item
 * @param scores one score per option, gold first
 * @param outcome gold against the best alternative on the primary score (summed log-probs, or
 *     per-token means where a task's rule says so)
 * @param normalisedOutcome the same on per-token mean log-probs (the length-normalised score)
 */
public record ItemResult(ChoiceItem item, List<ContinuationScore> scores, Outcome outcome, Outcome normalisedOutcome) {

    /** Scores and judges {@code item} from its option scores, summed log-probs being primary. */
    public static ItemResult of(ChoiceItem item, List<ContinuationScore> scores) {
        return of(item, scores, false);
    }

    /**
     * Scores and judges {@code item} from its option scores.
     *
     * @param meanIsPrimary judge the primary outcome on per-token mean log-probs (minicons'
     *     {@code sequence_score} rule of the dialogue pairs under pipeline rules) instead of sums
     */
    public static ItemResult of(ChoiceItem item, List<ContinuationScore> scores, boolean meanIsPrimary) {
        double[] raw = new double[scores.size()];
        double[] norm = new double[scores.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = scores.get(i).logProb();
            norm[i] = scores.get(i).meanLogProb();
        }
        try {
            return new ItemResult(
                    item, List.copyOf(scores), Outcome.judge(meanIsPrimary ? norm : raw), Outcome.judge(norm));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("item " + item.id() + ": " + e.getMessage(), e);
        }
    }

    /** The prediction record written to the step's {@code predictions.jsonl}. */
    public Map<String, Object> prediction(TieRule rule) {
        List<Double> raw = new ArrayList<>();
        List<Double> norm = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (ContinuationScore s : scores) {
            raw.add(s.logProb());
            norm.add(s.meanLogProb());
            tokens.add(s.scoredTokens());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", item.id());
        p.put("group", item.group());
        putTexts(p);
        p.put("scores", raw);
        p.put("scores_length_normalised", norm);
        p.put("scored_tokens", tokens);
        p.put("correct", outcome.countsAsCorrect(rule));
        p.put("tie", outcome == Outcome.TIE);
        p.put("correct_length_normalised", normalisedOutcome.countsAsCorrect(rule));
        p.put("tie_length_normalised", normalisedOutcome == Outcome.TIE);
        return p;
    }

    /**
     * The scored text, so error analysis needs no join with the data: {@code context} once when every
     * option shares it (all tasks here), else {@code contexts} per option; {@code continuations} per
     * option, gold first. The model read {@code context + continuation}.
     */
    private void putTexts(Map<String, Object> p) {
        List<String> contexts = new ArrayList<>();
        List<String> continuations = new ArrayList<>();
        for (var o : item.options()) {
            contexts.add(o.context());
            continuations.add(o.continuation());
        }
        if (contexts.stream().distinct().count() == 1) {
            p.put("context", contexts.get(0));
        } else {
            p.put("contexts", contexts);
        }
        p.put("continuations", continuations);
    }
}
