package org.babylab.plugins.rewards;

import java.util.List;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/** Config of the {@code weighted-sum} reward. */
@Doc("A weighted sum of other declared rewards")
public record WeightedSumConfig(
        @Required @Ref(ComponentKind.REWARD) @Doc("The rewards to add up")
        List<String> rewards,

        @Doc("One weight per reward, in order (default all 1)")
        List<Double> weights) {
    public WeightedSumConfig {
        if (rewards == null || rewards.isEmpty()) {
            throw new IllegalArgumentException("rewards must list at least one declared reward");
        }
        rewards = List.copyOf(rewards);
        if (weights != null && weights.size() != rewards.size()) {
            throw new IllegalArgumentException("weights has " + weights.size() + " entries but rewards has "
                    + rewards.size() + "; give one weight per reward");
        }
        weights = weights == null ? rewards.stream().map(r -> 1.0).toList() : List.copyOf(weights);
    }
}
