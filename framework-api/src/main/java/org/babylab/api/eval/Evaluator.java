package org.babylab.api.eval;

import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.StepContext;

/**
 * Scores one model on one task. Implementations read their data, score it through
 * {@link LanguageModel#logProbs}, write one record per item to {@code context.predictions()} and
 * return the aggregate metrics. They must be deterministic for a given model and data.
 */
public interface Evaluator {

    EvaluationResult evaluate(LanguageModel model, StepContext context) throws Exception;
}
