package org.babylab.plugins.llama.rl;

import java.util.List;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;
import org.babylab.api.model.GenerationConfig;

/**
 * Config of the {@code ppo} stage. Algorithm defaults are TRL 0.8.6's {@code PPOConfig}
 * (batch 256, mini-batch 1, 4 PPO epochs, lr 1.41e-5, adaptive KL from 0.2 towards 6 over a
 * horizon of 10,000, gamma 1, lambda 0.95, clip ranges 0.2, value coefficient 0.1, ratio threshold
 * 10, no gradient clipping); generation defaults are TRL's examples' (sampling, top-k 0, top-p 1,
 * temperature 1) with 20 new tokens.
 */
@Doc(
        "PPO (TRL 0.8.6 style) of a LLaMA policy with a value head against a frozen reference, rewarded by a declared reward")
public record PpoConfig(
        @Required
        @Ref(ComponentKind.MODEL)
        @Doc("Model (or stage output) to train; it must be able to generate (llama/hf-llama)")
        String from,

        @Ref(ComponentKind.MODEL) @Doc("Frozen reference for the KL penalty; default: the starting policy")
        String reference,

        @Required @Ref(ComponentKind.DATASET) @Doc("Dataset of prompts (and references for the reward)")
        String data,

        @Required @Ref(ComponentKind.REWARD) @Doc("Reward scoring each response")
        String reward,

        @Doc("Record field holding the prompt (default prompt)")
        String promptField,

        @Doc(
                "Record fields whose strings are the reward's references, e.g. the chosen reply (default [chosen, reply]; missing ones skipped)")
        List<String> referenceFields,

        @Doc("Text put after each prompt before generating (default one space)")
        String separator,

        @Doc("Passes over the prompts (default 1)") Integer epochs,

        @Doc("Stop after this many PPO batches (default: no limit)")
        Integer maxSteps,

        @Doc("Prompts per PPO batch (default 256, TRL)") Integer batchSize,

        @Doc("Samples per optimiser update inside a batch (default 1, TRL)")
        Integer miniBatchSize,

        @Doc("Optimisation passes over each batch (default 4)")
        Integer ppoEpochs,

        @Doc("Adam learning rate, constant (default 1.41e-5)")
        Double lr,

        @Doc("Clip the global gradient norm; 0 disables (default 0, TRL's None)")
        Double gradClip,

        @Doc("Initial KL coefficient (default 0.2)") Double initKlCoef,

        @Doc("Adapt the KL coefficient towards target (default true)")
        Boolean adaptiveKl,

        @Doc("Target KL of the adaptive controller (default 6)")
        Double target,

        @Doc("Horizon of the adaptive controller (default 10000)")
        Double horizon,

        @Doc("GAE discount (default 1)") Double gamma,
        @Doc("GAE lambda (default 0.95)") Double lam,
        @Doc("Policy ratio clip range (default 0.2)") Double cliprange,
        @Doc("Value clip range (default 0.2)") Double cliprangeValue,
        @Doc("Value loss coefficient (default 0.1)") Double vfCoef,

        @Doc("Skip a mini-batch whose mean ratio exceeds this (default 10)")
        Double ratioThreshold,

        @Doc("Most tokens per response (default 20)") Integer maxNewTokens,
        @Doc("Sampling temperature (default 1)") Double temperature,
        @Doc("Top-k sampling; 0 keeps all (default 0)") Integer topK,
        @Doc("Top-p sampling (default 1.0)") Double topP,

        @Doc("Stop strings ending a response, e.g. the next turn marker (default none)")
        List<String> stop,

        @org.babylab.api.config.NotKeyed
        @Doc("Write a resumable checkpoint every N PPO batches (default 50); not part of the cache key")
        Integer checkpointEvery) {

    public PpoConfig {
        if (from == null || data == null || reward == null) {
            throw new IllegalArgumentException(
                    "from (a model), data (prompts) and reward (a declared reward) are required");
        }
        promptField = promptField == null ? "prompt" : promptField;
        referenceFields = referenceFields == null ? List.of("chosen", "reply") : List.copyOf(referenceFields);
        separator = separator == null ? " " : separator;
        epochs = positive("epochs", epochs, 1);
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("max_steps must be >= 1, got " + maxSteps);
        }
        batchSize = positive("batch_size", batchSize, 256);
        miniBatchSize = positive("mini_batch_size", miniBatchSize, 1);
        if (batchSize % miniBatchSize != 0) {
            throw new IllegalArgumentException(
                    "batch_size " + batchSize + " must be a multiple of mini_batch_size " + miniBatchSize);
        }
        ppoEpochs = positive("ppo_epochs", ppoEpochs, 4);
        lr = lr == null ? 1.41e-5 : lr;
        gradClip = gradClip == null ? 0.0 : gradClip;
        initKlCoef = initKlCoef == null ? 0.2 : initKlCoef;
        adaptiveKl = adaptiveKl == null ? Boolean.TRUE : adaptiveKl;
        target = target == null ? 6.0 : target;
        horizon = horizon == null ? 10_000.0 : horizon;
        gamma = gamma == null ? 1.0 : gamma;
        lam = lam == null ? 0.95 : lam;
        cliprange = cliprange == null ? 0.2 : cliprange;
        cliprangeValue = cliprangeValue == null ? 0.2 : cliprangeValue;
        vfCoef = vfCoef == null ? 0.1 : vfCoef;
        ratioThreshold = ratioThreshold == null ? 10.0 : ratioThreshold;
        if (!(lr > 0)
                || gradClip < 0
                || !(cliprange > 0)
                || !(cliprangeValue > 0)
                || vfCoef < 0
                || !(ratioThreshold > 0)
                || gamma < 0
                || gamma > 1
                || lam < 0
                || lam > 1) {
            throw new IllegalArgumentException(
                    "need lr > 0, grad_clip >= 0, cliprange > 0, cliprange_value > 0, vf_coef >= 0, ratio_threshold > 0, gamma and lam in [0, 1]");
        }
        new AdaptiveKlController(initKlCoef, target, horizon, adaptiveKl);
        maxNewTokens = positive("max_new_tokens", maxNewTokens, 20);
        temperature = temperature == null ? 1.0 : temperature;
        topK = topK == null ? 0 : topK;
        topP = topP == null ? 1.0 : topP;
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (!(temperature > 0)) {
            throw new IllegalArgumentException(
                    "temperature must be > 0: PPO samples its responses, got " + temperature);
        }
        new GenerationConfig(maxNewTokens, temperature, topK, topP, stop, true, 0);
        checkpointEvery = positive("checkpoint_every", checkpointEvery, 50);
    }

    private static int positive(String key, Integer v, int dflt) {
        int x = v == null ? dflt : v;
        if (x < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + x);
        }
        return x;
    }

    /** Response sampling with {@code seed}; EOS ends a response too. */
    public GenerationConfig generation(long seed) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, stop, true, seed);
    }
}
