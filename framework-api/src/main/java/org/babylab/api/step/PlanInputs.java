package org.babylab.api.step;

import org.babylab.api.data.Dataset;
import org.babylab.api.spi.ModelFactory;

/**
 * What a stage may inspect while the experiment is planned, before anything runs
 * ({@link org.babylab.api.spi.TrainingStageFactory#check}): the family of each referenced model and
 * the referenced datasets. Added in API 0.3.
 */
public interface PlanInputs {

    /**
     * The factory of the model family that the referenced model or stage output {@code name}
     * belongs to (the root model declaration's type).
     *
     * @throws IllegalArgumentException if the stage does not reference a model called {@code name}
     */
    ModelFactory<?> modelFamily(String name);

    /**
     * The configuration of the root model declaration that the referenced model or stage output
     * {@code name} descends from, as {@link #modelFamily(String)}'s factory bound it (an instance of
     * that factory's {@code configType()}), so a stage can check its settings against the model's
     * (e.g. a sequence length against the model's maximum) before anything runs.
     *
     * @throws IllegalArgumentException if the stage does not reference a model called {@code name}
     */
    Object modelConfig(String name);

    /**
     * The referenced dataset {@code name}, opened as at run time (reading it is allowed but costs
     * planning time).
     *
     * @throws IllegalArgumentException if the stage does not reference a dataset called {@code name}
     */
    Dataset dataset(String name) throws Exception;

    /**
     * The words of the referenced dataset's texts, counted by {@link org.babylab.api.data.Words}:
     * the BabyLM budget of one pass over it. The runtime caches the count by the dataset's
     * fingerprint. Added in API 0.5.
     */
    default long words(String name) throws Exception {
        try (java.util.stream.Stream<String> texts = dataset(name).texts()) {
            return texts.mapToLong(org.babylab.api.data.Words::count).sum();
        }
    }
}
