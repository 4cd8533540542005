package org.babylab.plugins.rewards;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;

/** Config of the {@code lm-likelihood} reward. */
@Doc(
        "Mean per-token log-probability of the response after the prompt under a model (a teacher), or under the policy itself (confidence)")
public record LmLikelihoodConfig(
        @Ref(ComponentKind.MODEL) @Doc("Model (or stage output) that scores; default: the policy being trained")
        String model,

        @Doc(
                "Text put between prompt and response when scoring (default none: the response continues the prompt as generated)")
        String separator) {
    public LmLikelihoodConfig {
        separator = separator == null ? "" : separator;
    }
}
