package org.babylab.api.spi;

import java.nio.file.Path;
import org.babylab.api.ComponentKind;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * Makes tokenizers: {@link #create} trains or reads one as a cached step, the runtime then saves it
 * with {@link Tokenizer#save(Path)} into the step's output directory, and {@link #load} reads it back
 * from there on every later use.
 */
public interface TokenizerFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.TOKENIZER;
    }

    /** Trains or loads the tokenizer. Referenced datasets are in {@code context.inputs()}. */
    Tokenizer create(C config, StepContext context) throws Exception;

    /** Reads back a tokenizer that {@link Tokenizer#save(Path)} wrote into {@code dir}. */
    Tokenizer load(C config, Path dir, LoadContext context) throws Exception;
}
