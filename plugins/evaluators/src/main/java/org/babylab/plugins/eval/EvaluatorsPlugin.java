package org.babylab.plugins.eval;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.EvaluatorFactory;

/**
 * The zero-shot evaluators: {@code minimal-pairs}, {@code blimp}, {@code ewok},
 * {@code entity-tracking}, {@code wug-adjectives}, {@code reading-times} and
 * {@code dialogue-pairs}, and the fine-tuning evaluator {@code glue}. Cheap to construct; returns the same factories on every call.
 */
public final class EvaluatorsPlugin implements Plugin {
    private static final List<EvaluatorFactory<?>> EVALUATORS = List.of(
            MinimalPairsFactory.minimalPairs(),
            MinimalPairsFactory.blimp(),
            new Factories.Ewok(),
            new Factories.EntityTracking(),
            new Factories.WugAdjectives(),
            new Factories.ReadingTimes(),
            new Factories.DialoguePairs(),
            new org.babylab.plugins.eval.glue.GlueFactory());

    @Override
    public String name() {
        return "babylab-evaluators";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return EVALUATORS;
    }
}
