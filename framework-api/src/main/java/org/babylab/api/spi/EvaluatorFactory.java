package org.babylab.api.spi;

import org.babylab.api.ComponentKind;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.step.ComponentContext;

/**
 * Makes evaluators. The runtime creates one per evaluation step and calls
 * {@link Evaluator#evaluate} with the model under test; the step's key chains the model's key, so
 * evaluating a new checkpoint or adding a task computes only what is new.
 */
public interface EvaluatorFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.EVALUATOR;
    }

    /**
     * Checks at plan time, before anything runs, that the evaluator can evaluate models of
     * {@code family} (e.g. that it can be fine-tuned as a classifier); throws with a message naming
     * what is missing. The runtime adds the evaluator's and the model's names. Defaults to no check.
     * Added in API 0.4.
     */
    default void check(C config, ModelFactory<?> family) throws Exception {}

    /**
     * The benchmark whose macro average this evaluator's result counts towards, for its config (e.g.
     * the GLUE task it fine-tunes on), or empty when its result stands alone. Results tables average
     * the primary metrics of a benchmark's tasks per model and mark the average partial when a task
     * is missing. Defaults to empty. Added in API 0.5.
     */
    default java.util.Optional<org.babylab.api.eval.BenchmarkTask> benchmark(C config) {
        return java.util.Optional.empty();
    }

    Evaluator create(C config, ComponentContext context) throws Exception;
}
