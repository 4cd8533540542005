package org.babylab.api.spi;

import org.babylab.api.ComponentKind;
import org.babylab.api.reward.Reward;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.Inputs;

/**
 * Makes rewards ({@code rewards:} in YAML). A reward is a source, like a chat template: created
 * cheaply by each step that references it; its config and code take part in those steps' keys. A
 * reward's config may reference models (a teacher, with {@code @Ref(MODEL)}) and other rewards
 * ({@code @Ref(REWARD)}); they become inputs of every step that uses the reward and are in
 * {@code inputs} by name. Added in API 0.3.
 */
public interface RewardFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.REWARD;
    }

    /**
     * @param inputs the components this reward's config references, loaded by the step using it;
     *     models in it are closed when that step ends
     */
    Reward create(C config, ComponentContext context, Inputs inputs) throws Exception;
}
