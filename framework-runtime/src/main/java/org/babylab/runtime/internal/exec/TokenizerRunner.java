package org.babylab.runtime.internal.exec;

import org.babylab.api.model.Tokenizer;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedStep;

/** Trains (or builds) a tokenizer and saves it. */
final class TokenizerRunner implements KindRunner {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // the config was bound to exactly this factory's configType()
    public void produce(
            ComponentCatalog catalog,
            PlannedStep step,
            RuntimeStepContext ctx,
            StepInputs inputs,
            JsonlPredictionSink predictions)
            throws Exception {
        TokenizerFactory f = FactoryLookup.of(catalog, step.decl(), TokenizerFactory.class);
        Tokenizer t = f.create(step.decl().config(), ctx);
        t.save(ctx.outputDir());
    }
}
