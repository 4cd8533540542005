package org.babylab.runtime.internal.exec;

import org.babylab.api.ComponentKind;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * The kind-specific part of computing a step: create the component with its factory and save what
 * it made into the context's output directory. Everything around it (lock, attempt directory,
 * publishing, failure records) is {@link StepComputation}'s and the same for every kind.
 */
interface KindRunner {
    /**
     * Creates and saves {@code step}'s output; runs on a worker thread under the plugin's class loader.
     *
     * @throws Exception whatever the plugin throws; the step then fails and nothing is published
     */
    void produce(
            ComponentCatalog catalog,
            PlannedStep step,
            RuntimeStepContext ctx,
            StepInputs inputs,
            JsonlPredictionSink predictions)
            throws Exception;

    /** The runner of a step kind. */
    static KindRunner of(ComponentKind kind) {
        return switch (kind) {
            case TOKENIZER -> new TokenizerRunner();
            case MODEL -> new ModelRunner();
            case STAGE -> new StageRunner();
            case EVALUATOR -> new EvaluationRunner();
            default -> throw new IllegalStateException(kind + " is not a step kind");
        };
    }
}
