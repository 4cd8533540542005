package org.babylab.api.spi;

import java.nio.file.Path;
import org.babylab.api.ComponentKind;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * Makes language models. {@link #create} runs as a cached step: it initialises a model (a neural
 * model's random init, an imported checkpoint) or trains it outright (an n-gram counted from a
 * dataset). The runtime saves the result with {@link LanguageModel#save(Path)}. {@link #load} reads
 * back any directory saved by a model of this family, including the outputs of training stages
 * that started from one.
 */
public interface ModelFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.MODEL;
    }

    /**
     * True when the models this family makes, and the stage outputs trained from them, implement
     * {@link org.babylab.api.model.GenerativeModel}; stages that sample text check it at plan time.
     * Defaults to false. Added in API 0.3.
     */
    default boolean generates() {
        return false;
    }

    /**
     * True when the models this family makes, and the stage outputs trained from them, implement
     * {@link org.babylab.api.model.ClassifiableModel}; fine-tuning evaluators check it at plan time.
     * Defaults to false. Added in API 0.4.
     */
    default boolean classifies() {
        return false;
    }

    /** Builds the model. Referenced tokenizers and datasets are in {@code context.inputs()}. */
    LanguageModel create(C config, StepContext context) throws Exception;

    /**
     * Reads a model saved by {@link LanguageModel#save(Path)} of this family.
     *
     * @param config the config of the model declaration the saved model descends from
     * @throws java.io.IOException if the directory is missing files or holds a corrupt checkpoint;
     *     the message names the file and what was expected
     */
    LanguageModel load(C config, Path dir, LoadContext context) throws Exception;
}
