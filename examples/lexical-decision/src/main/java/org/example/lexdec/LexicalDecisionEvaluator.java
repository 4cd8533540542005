package org.example.lexdec;

import java.util.List;
import java.util.Map;
import org.babylab.api.eval.EvaluatedModel;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.choice.ChoiceRunner;
import org.babylab.toolkit.choice.GroupMetrics;
import org.babylab.toolkit.choice.ItemResult;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.scoring.ContinuationScorer;

/**
 * Scores each word and nonword as a whole text with the toolkit's scorer, which applies the rules of
 * BabyLab's built-in evaluators (BOS first when the tokenizer has one, sum of per-token
 * log-probabilities, or their mean with per_token), and counts the items where the word wins. A tie
 * counts as wrong. One prediction per item.
 */
final class LexicalDecisionEvaluator implements Evaluator {
    private final List<ChoiceItem> items;
    private final boolean perToken;

    LexicalDecisionEvaluator(List<ChoiceItem> items, boolean perToken) {
        this.items = items;
        this.perToken = perToken;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) {
        ContinuationScorer scorer = new ContinuationScorer(model, context.progress());
        List<ItemResult> results = ChoiceRunner.run(items, scorer, TieRule.WRONG, context.predictions(), perToken);
        String name = context.evaluatedModel().map(EvaluatedModel::name).orElse("the model");
        context.log("scored " + name + ": " + scorer.lastStats());
        Map<String, Double> metrics = GroupMetrics.overall(ChoiceRunner.tallyByGroup(results), TieRule.WRONG);
        return new EvaluationResult("accuracy", metrics, Map.of(), results.size());
    }
}
