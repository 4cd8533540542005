package org.babylab.plugins.rewards;

import java.util.List;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;
import org.babylab.api.model.GenerationConfig;

/** Config of the {@code generate} evaluator. Defaults decode greedily, so results are reproducible without a seed. */
@Doc(
        "Continues the prompts of a dataset and writes prompt and continuation to the predictions file; scores them with a reward when given")
public record GenerateConfig(
        @Required @Ref(ComponentKind.DATASET) @Doc("Dataset whose records hold the prompts")
        String data,

        @Ref(ComponentKind.REWARD)
        @Doc("Reward that scores each continuation; its mean is the primary metric (default none)")
        String reward,

        @Doc("Record field holding the prompt (default prompt)")
        String promptField,

        @Doc(
                "Record fields whose strings are the references of the reward (default [chosen, reply]; missing fields are skipped)")
        List<String> referenceFields,

        @Doc("Text put after each prompt before generating (default one space)")
        String separator,

        @Doc("Most tokens generated per prompt (default 20)")
        Integer maxNewTokens,

        @Doc("0 for greedy decoding, else the sampling temperature (default 0)")
        Double temperature,

        @Doc("Sample from the k most likely tokens; 0 keeps all (default 0)")
        Integer topK,

        @Doc("Sample from the smallest set of tokens whose probability reaches p (default 1.0)")
        Double topP,

        @Doc("Stop strings that end a continuation, e.g. the next turn marker (default none)")
        List<String> stop,

        @Doc("Score only the first N prompts (default all)") Integer limit,
        @Doc("Prompts generated together (default 16)") Integer batchSize) {
    public GenerateConfig {
        if (data == null) {
            throw new IllegalArgumentException("data (a dataset of prompts) is required");
        }
        promptField = promptField == null ? "prompt" : promptField;
        referenceFields = referenceFields == null ? List.of("chosen", "reply") : List.copyOf(referenceFields);
        separator = separator == null ? " " : separator;
        maxNewTokens = maxNewTokens == null ? 20 : maxNewTokens;
        temperature = temperature == null ? 0.0 : temperature;
        topK = topK == null ? 0 : topK;
        topP = topP == null ? 1.0 : topP;
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        batchSize = batchSize == null ? 16 : batchSize;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
        new GenerationConfig(maxNewTokens, temperature, topK, topP, stop, true, 0);
    }

    /** The decoding settings with {@code seed}. */
    public GenerationConfig generation(long seed) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, stop, true, seed);
    }
}
