package org.babylab.runtime.internal.exec;

import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedStep;

/** Trains a model through one stage, saves it, and for a curriculum phase writes the phase's manifest files. */
final class StageRunner implements KindRunner {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // the config was bound to exactly this factory's configType()
    public void produce(
            ComponentCatalog catalog,
            PlannedStep step,
            RuntimeStepContext ctx,
            StepInputs inputs,
            JsonlPredictionSink predictions)
            throws Exception {
        TrainingStageFactory f = FactoryLookup.of(catalog, step.decl(), TrainingStageFactory.class);
        ModelSaving.saveAndClose(f.create(step.decl().config(), ctx), ctx.outputDir(), inputs);
        if (step.phase() != null) {
            PhaseManifestFiles.write(step.phase(), ctx.outputDir());
        }
    }
}
