package org.babylab.runtime.internal.exec;

import org.babylab.api.spi.ModelFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedStep;

/** Initialises a model (fresh weights, or a conversion) and saves it. */
final class ModelRunner implements KindRunner {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // the config was bound to exactly this factory's configType()
    public void produce(
            ComponentCatalog catalog,
            PlannedStep step,
            RuntimeStepContext ctx,
            StepInputs inputs,
            JsonlPredictionSink predictions)
            throws Exception {
        ModelFactory f = FactoryLookup.of(catalog, step.decl(), ModelFactory.class);
        ModelSaving.saveAndClose(f.create(step.decl().config(), ctx), ctx.outputDir(), inputs);
    }
}
