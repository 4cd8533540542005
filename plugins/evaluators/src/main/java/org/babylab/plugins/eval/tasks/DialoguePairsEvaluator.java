package org.babylab.plugins.eval.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.JsonlSource.NamedRecords;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * Dialogue minimal pairs ({@code prompt}, {@code chosen}, {@code rejected}; a JSON array or JSONL):
 * correct when {@code prompt + " " + chosen} scores strictly higher than {@code prompt + " " + rejected}.
 * Both texts share the prompt, whose tokens (all but one straddling the boundary) get the same
 * log-probs in both, so the reply is scored as a continuation of the prompt: the same ranking as
 * whole-text scores, without adding the same prompt log-prob on both sides. Groups: one per file.
 *
 * <p>Under {@code rules: pipeline} the rule of the llamalogue evaluation (minicons
 * {@code sequence_score} with its default mean reduction) is used instead: each whole text
 * {@code prompt + " " + reply} is scored and items are judged on the mean log-prob per scored token
 * of that whole text (the first token unscored without BOS, as minicons does). The prompt's tokens
 * then dilute the reply's, so a longer reply is judged differently than by its summed log-prob.
 * Immutable.
 */
public final class DialoguePairsEvaluator implements Evaluator {
    private final MinimalPairsConfig config;
    private final Path baseDir;

    public DialoguePairsEvaluator(MinimalPairsConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    private boolean pipeline() {
        return config.scoringRules() == ScoringRules.PIPELINE;
    }

    List<ChoiceItem> items() throws IOException {
        List<ChoiceItem> items = new ArrayList<>();
        for (NamedRecords file : JsonlSource.read(config.path(), baseDir, null)) {
            for (JsonRecord r : file.records()) {
                String prompt = r.text("prompt");
                String chosen = " " + r.text("chosen");
                String rejected = " " + r.text("rejected");
                items.add(new ChoiceItem(
                        file.name() + ":" + r.line(),
                        file.name(),
                        pipeline()
                                ? List.of(
                                        ContinuationRequest.wholeText(prompt + chosen),
                                        ContinuationRequest.wholeText(prompt + rejected))
                                : List.of(
                                        new ContinuationRequest(prompt, chosen),
                                        new ContinuationRequest(prompt, rejected))));
            }
        }
        if (items.isEmpty()) {
            throw new IOException(
                    config.path() + ": no dialogue pair found; expected objects with prompt, chosen, rejected");
        }
        return items;
    }

    @Override
    public EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception {
        return EvaluatorSupport.groupedAccuracy(
                "dialogue-pairs", items(), config.tieRule(), config, pipeline(), model, context);
    }
}
