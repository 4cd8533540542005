package org.babylab.runtime.internal.exec;

import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.EvaluationOutputs;

/**
 * Evaluates the step's model and writes {@link EvaluationOutputs#METRICS}. A missing result or a
 * primary metric that is not a finite number fails the step: a NaN accuracy cached as a success
 * would sit in every later results table.
 */
final class EvaluationRunner implements KindRunner {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // the config was bound to exactly this factory's configType()
    public void produce(
            ComponentCatalog catalog,
            PlannedStep step,
            RuntimeStepContext ctx,
            StepInputs inputs,
            JsonlPredictionSink predictions)
            throws Exception {
        EvaluatorFactory f = FactoryLookup.of(catalog, step.decl(), EvaluatorFactory.class);
        LanguageModel model = inputs.model(step.evaluates());
        EvaluationResult result = f.create(step.decl().config(), ctx).evaluate(model, ctx);
        if (result == null) {
            throw new IllegalStateException("evaluator '" + step.decl().name() + "' returned no result");
        }
        if (!Double.isFinite(result.primary())) {
            throw new IllegalStateException(
                    "evaluator '" + step.decl().name() + "' (type " + step.type() + ") returned primary metric "
                            + result.primaryMetric() + " = " + result.primary()
                            + ", which is not a finite number; nothing was cached."
                            + " An evaluator with no scorable items should throw, naming why");
        }
        predictions.touch();
        AtomicFiles.writeJson(ctx.outputDir().resolve(EvaluationOutputs.METRICS), result);
    }
}
