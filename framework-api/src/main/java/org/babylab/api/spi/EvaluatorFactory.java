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

    Evaluator create(C config, ComponentContext context) throws Exception;
}
