package org.babylab.api.spi;

import java.util.List;
import java.util.Set;
import org.babylab.api.ComponentKind;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.KeptCheckpoint;
import org.babylab.api.step.PlanInputs;
import org.babylab.api.step.StepContext;

/**
 * Makes training stages: steps that start from a model and return a trained model of the same
 * family, which the runtime saves with {@link LanguageModel#save(java.nio.file.Path)} and loads
 * later with the family's {@link ModelFactory#load}.
 *
 * <p>A stage's config declares what it starts from with a {@code @Ref(MODEL)} component (by
 * convention named {@code from}); the loaded model is {@code context.inputs().model(name)}. Long
 * stages write checkpoints into {@link StepContext#checkpointDir()}, which survives a crash, and
 * resume from them when they find one.
 *
 * <p>A stage whose config also has a {@code @Ref(CURRICULUM)} component is planned as one step per
 * curriculum phase; {@link StepContext#phase()} says which phase a step trains, and
 * {@code context.inputs().model(from)} is then the previous phase's output from phase 2 on. Such a
 * stage must train on the phase's order only and must not read its curriculum's name from its
 * config: steps are shared between curricula whose phases agree.
 */
public interface TrainingStageFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.STAGE;
    }

    /**
     * Checks, while the experiment is planned and before anything runs, what can be known about the
     * stage's inputs: for example that its data has the fields it trains on, or that the model it
     * starts from belongs to a family that can generate. Defaults to no check. Added in API 0.3.
     *
     * @throws IllegalArgumentException (or another exception) whose message says what is wrong and
     *     what would be valid; the runtime reports it at the stage's declaration
     */
    default void check(C config, PlanInputs inputs) throws Exception {}

    /**
     * The intermediate checkpoints this stage keeps, known before anything runs: each becomes a step
     * {@code stage@name} whose output the stage publishes through
     * {@link StepContext#publishCheckpoint} when training reaches it. Defaults to none. Added in API 0.5.
     *
     * @throws IllegalArgumentException (or another exception) whose message says what is wrong; the
     *     runtime reports it at the stage's declaration
     */
    default List<KeptCheckpoint> keptCheckpoints(C config, PlanInputs inputs) throws Exception {
        return List.of();
    }

    /**
     * The config keys (YAML spelling, top level) that only say how far training goes beyond a kept
     * checkpoint (e.g. {@code epochs}, {@code max_steps}) and so are left out of the checkpoint's
     * cache key: extending such a run reuses its earlier checkpoints and their evaluations. Return a
     * key only when the weights at every checkpoint do not depend on it; a learning-rate schedule
     * that decays to the last step makes them depend on the total length, and then nothing may be
     * left out. Defaults to none (a checkpoint's key covers the whole config). Added in API 0.5.
     */
    default Set<String> lengthKeys(C config) {
        return Set.of();
    }

    /**
     * Why {@link #lengthKeys} is empty for {@code config} although the stage keeps checkpoints
     * (e.g. "the cosine schedule decays to the last step"), for {@code explain} and the plan; null
     * when there is nothing to say. Added in API 0.5.
     */
    default String lengthDependence(C config) {
        return null;
    }

    /** Trains and returns the resulting model (possibly the input instance, mutated). */
    LanguageModel create(C config, StepContext context) throws Exception;
}
