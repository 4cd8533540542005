package org.babylab.api.step;

import java.util.Set;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.reward.Reward;

/**
 * The components a step's config names through {@link org.babylab.api.config.Ref} components,
 * loaded and ready. Models are loaded fresh for the step (a stage may mutate its input model);
 * datasets and tokenizers may be shared, immutable instances.
 */
public interface Inputs {

    /** The referenced dataset called {@code name}. @throws IllegalArgumentException if not referenced by this step */
    Dataset dataset(String name);

    /** The referenced tokenizer called {@code name}. @throws IllegalArgumentException if not referenced by this step */
    Tokenizer tokenizer(String name);

    /** The referenced model or stage output called {@code name}. @throws IllegalArgumentException if not referenced by this step */
    LanguageModel model(String name);

    /** The referenced curriculum called {@code name}. @throws IllegalArgumentException if not referenced by this step */
    Curriculum curriculum(String name);

    /**
     * The referenced chat template called {@code name}. Defaults to throwing, for implementations
     * written before chat templates existed.
     *
     * @throws IllegalArgumentException if not referenced by this step
     */
    default ChatTemplate chatTemplate(String name) {
        throw new IllegalArgumentException(
                "this step does not reference a chat template '" + name + "'; it references " + names());
    }

    /**
     * The referenced reward called {@code name}. Defaults to throwing, for implementations written
     * before rewards existed (API 0.3).
     *
     * @throws IllegalArgumentException if not referenced by this step
     */
    default Reward reward(String name) {
        throw new IllegalArgumentException(
                "this step does not reference a reward '" + name + "'; it references " + names());
    }

    /** The names of everything this step references. */
    Set<String> names();
}
