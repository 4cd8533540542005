package org.babylab.plugins.eval.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.toolkit.choice.AccuracyTally;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.choice.ChoiceRunner;
import org.babylab.toolkit.choice.GroupMetrics;
import org.babylab.toolkit.choice.ItemResult;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.ScoringStats;

/** Small pieces every evaluator here shares. Stateless. */
final class EvaluatorSupport {
    private EvaluatorSupport() {}

    /**
     * Scores choice items (gold first) and reports accuracy overall and per item group: the shared
     * body of the evaluators whose groups are files or domains (EWoK, dialogue pairs).
     */
    static EvaluationResult groupedAccuracy(
            String task,
            List<ChoiceItem> items,
            TieRule rule,
            ScoringOptions options,
            boolean meanIsPrimary,
            LanguageModel model,
            StepContext context) {
        ContinuationScorer scorer = scorer(model, context, options);
        List<ItemResult> results = ChoiceRunner.run(items, scorer, rule, context.predictions(), meanIsPrimary);
        logStats(context, task, scorer);
        Map<String, AccuracyTally> byGroup = ChoiceRunner.tallyByGroup(results);
        return new EvaluationResult("accuracy", overall(byGroup, rule), groupMetrics(byGroup, rule), results.size());
    }

    /** The batched scorer under the config's rules, reporting progress to the step's live line. */
    static ContinuationScorer scorer(LanguageModel model, StepContext context, ScoringOptions options) {
        if (context.cancelled()) {
            throw new CancellationException("evaluation cancelled before scoring");
        }
        return new ContinuationScorer(model, context.progress(), options.encoder(model));
    }

    /** Logs what the scorer did, so slow evaluations can be diagnosed from the step log. */
    static void logStats(StepContext context, String task, ContinuationScorer scorer) {
        ScoringStats s = scorer.lastStats();
        context.log(task + ": scored " + s.requests() + " requests as " + s.distinctSequences()
                + " distinct sequences, "
                + s.modelSequences() + " forward passes, " + s.modelTokens() + " tokens in " + s.batches() + " batches"
                + "; rules: " + scorer.encoder().rules().configValue()
                + (scorer.hasBos()
                        ? ""
                        : "; no BOS token is prepended, so a first token of a sequence is never scored"));
    }

    /** Per-group metrics keyed by group name, in group order. */
    static Map<String, Map<String, Double>> groupMetrics(Map<String, AccuracyTally> tallies, TieRule rule) {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        tallies.forEach((g, t) -> groups.put(g, t.metrics(rule)));
        return groups;
    }

    /** Overall metrics: macro mean over groups, plus the tie rule used (0 wrong, 1 gold). */
    static Map<String, Double> overall(Map<String, AccuracyTally> tallies, TieRule rule) {
        Map<String, Double> m = GroupMetrics.overall(tallies, rule);
        m.put("ties_count_as_gold", rule == TieRule.GOLD ? 1.0 : 0.0);
        return m;
    }
}
