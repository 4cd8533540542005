package org.babylab.toolkit.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.eval.PredictionSink;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.babylab.toolkit.scoring.SequenceScorer;

/**
 * Scores multiple-choice items in one scorer call (so the scorer can dedupe and batch across all
 * of them), judges each, writes one prediction per item and tallies outcomes per group. Stateless.
 */
public final class ChoiceRunner {
    private ChoiceRunner() {}

    /**
     * The scored items, in input order.
     *
     * @param sink receives one {@link ItemResult#prediction} per item
     */
    public static List<ItemResult> run(
            List<ChoiceItem> items, SequenceScorer scorer, TieRule rule, PredictionSink sink) {
        return run(items, scorer, rule, sink, false);
    }

    /**
     * The scored items, in input order.
     *
     * @param sink receives one {@link ItemResult#prediction} per item
     * @param meanIsPrimary judge items on per-token mean log-probs rather than sums
     */
    public static List<ItemResult> run(
            List<ChoiceItem> items, SequenceScorer scorer, TieRule rule, PredictionSink sink, boolean meanIsPrimary) {
        List<ContinuationRequest> requests = new ArrayList<>();
        for (ChoiceItem item : items) {
            requests.addAll(item.options());
        }
        List<ContinuationScore> scores = scorer.score(requests);
        List<ItemResult> results = new ArrayList<>(items.size());
        int at = 0;
        for (ChoiceItem item : items) {
            int n = item.options().size();
            ItemResult r = ItemResult.of(item, scores.subList(at, at + n), meanIsPrimary);
            at += n;
            results.add(r);
            sink.accept(r.prediction(rule));
        }
        return results;
    }

    /** Tallies per {@link ChoiceItem#group()}, groups in order of first appearance. */
    public static Map<String, AccuracyTally> tallyByGroup(List<ItemResult> results) {
        Map<String, AccuracyTally> tallies = new LinkedHashMap<>();
        for (ItemResult r : results) {
            tallies.computeIfAbsent(r.item().group(), g -> new AccuracyTally()).add(r);
        }
        return tallies;
    }
}
