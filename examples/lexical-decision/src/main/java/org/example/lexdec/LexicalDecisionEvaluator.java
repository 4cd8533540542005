package org.example.lexdec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.StepContext;

/**
 * Scores each word and nonword as a whole sequence after the model's BOS token (the BabyLM zero-shot
 * convention: sum of per-token log-probabilities) and counts the items where the word wins. A tie
 * counts as wrong. One prediction per item.
 */
final class LexicalDecisionEvaluator implements Evaluator {
    private final List<LexicalDecisionItems.Item> items;
    private final boolean perToken;

    LexicalDecisionEvaluator(List<LexicalDecisionItems.Item> items, boolean perToken) {
        this.items = List.copyOf(items);
        this.perToken = perToken;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) {
        List<int[]> sequences = new ArrayList<>();
        for (LexicalDecisionItems.Item item : items) {
            sequences.add(withBos(model.tokenizer(), item.word()));
            sequences.add(withBos(model.tokenizer(), item.nonword()));
        }
        List<double[]> logProbs = model.logProbs(sequences);
        int correct = 0;
        int ties = 0;
        for (int i = 0; i < items.size(); i++) {
            double word = score(logProbs.get(2 * i));
            double nonword = score(logProbs.get(2 * i + 1));
            boolean right = word > nonword;
            correct += right ? 1 : 0;
            ties += word == nonword ? 1 : 0;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("line", items.get(i).line());
            p.put("word", items.get(i).word());
            p.put("nonword", items.get(i).nonword());
            p.put("word_score", word);
            p.put("nonword_score", nonword);
            p.put("correct", right);
            context.predictions().accept(p);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", correct / (double) items.size());
        metrics.put("ties", (double) ties);
        return new EvaluationResult("accuracy", metrics, Map.of(), items.size());
    }

    private double score(double[] lp) {
        double sum = 0;
        for (int i = 1; i < lp.length; i++) {  // lp[0] is the BOS token: nothing to score
            sum += lp[i];
        }
        return perToken ? sum / (lp.length - 1) : sum;
    }

    private static int[] withBos(Tokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text).ids();
        int[] seq = new int[ids.length + 1];
        seq[0] = tokenizer.bosId().orElseThrow(() -> new IllegalStateException("lexical-decision needs a tokenizer with a BOS token"));
        System.arraycopy(ids, 0, seq, 1, ids.length);
        return seq;
    }
}
