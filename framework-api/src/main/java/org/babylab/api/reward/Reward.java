package org.babylab.api.reward;

import java.util.List;
import org.babylab.api.model.LanguageModel;

/**
 * A reward function: scores (prompt, response, references) with a number, a batch at a time. Higher
 * is better. Implementations must be deterministic for the same inputs and model, and are used from
 * one thread at a time.
 */
public interface Reward {

    /**
     * One score per request, in order.
     *
     * @param batch the requests, non-empty
     * @param policy the model being trained, for rewards that score with it (e.g. its own confidence);
     *     most rewards ignore it
     * @throws IllegalArgumentException if a request lacks what this reward needs (e.g. a reference),
     *     naming what is missing
     */
    double[] score(List<RewardRequest> batch, LanguageModel policy) throws Exception;
}
