package org.babylab.runtime.internal.exec;

import java.nio.file.Path;
import org.babylab.api.model.LanguageModel;

/** Saving the model a model or stage factory returned, shared by their runners. */
final class ModelSaving {
    private ModelSaving() {}

    /** Saves {@code model} into {@code out} and closes it, unless it is one of the step's inputs (which {@link StepInputs} closes). */
    static void saveAndClose(LanguageModel model, Path out, StepInputs inputs) throws Exception {
        if (model == null) {
            throw new IllegalStateException("the factory returned no model");
        }
        try {
            model.save(out);
        } finally {
            // A stage may return its (mutated) input model; StepInputs closes that one itself.
            if (!inputs.owns(model)) {
                model.close();
            }
        }
    }
}
