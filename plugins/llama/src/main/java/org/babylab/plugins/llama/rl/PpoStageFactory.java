package org.babylab.plugins.llama.rl;

import java.util.List;
import org.babylab.api.model.GenerativeModel;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.PlanInputs;
import org.babylab.api.step.ResourceRequest;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.llama.model.DjlDevices;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.preference.DpoStageFactory;

/**
 * The {@code ppo} stage type: PPO of a LLaMA policy ({@link PpoTrainer}) against a frozen
 * reference (by default a copy of the starting policy), rewarded by a declared reward. Writes
 * {@code train-metrics.jsonl} (the per-batch metrics) next to the model; the value head is
 * training state only and is not part of the saved model. Stateless, thread-safe.
 */
public final class PpoStageFactory implements TrainingStageFactory<PpoConfig> {

    @Override
    public String type() {
        return "ppo";
    }

    @Override
    public Class<PpoConfig> configType() {
        return PpoConfig.class;
    }

    @Override
    public String description() {
        return "PPO in the style of TRL 0.8.6 (value head, adaptive KL, GAE, clipped losses) rewarded by a declared reward, exact resume";
    }

    @Override
    public ResourceRequest resources(PpoConfig config) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    /** Before anything runs: the policy can generate and is a LLaMA, and the data has prompts. */
    @Override
    public void check(PpoConfig config, PlanInputs inputs) throws Exception {
        if (!inputs.modelFamily(config.from()).generates()) {
            throw new IllegalArgumentException(
                    "stage ppo samples responses from its policy, but '" + config.from() + "' is a model of type "
                            + inputs.modelFamily(config.from()).type()
                            + ", which cannot generate text; start from a llama or hf-llama model");
        }
        DpoStageFactory.requireLlama("ppo", config.from(), inputs);
        Prompts.read(
                config.data(),
                inputs.dataset(config.data()),
                config.promptField(),
                config.referenceFields(),
                config.separator());
    }

    @Override
    public LanguageModel create(PpoConfig config, StepContext context) throws Exception {
        Prompts prompts = Prompts.read(
                config.data(),
                context.inputs().dataset(config.data()),
                config.promptField(),
                config.referenceFields(),
                config.separator());
        LanguageModel input = context.inputs().model(config.from());
        if (!(input instanceof GenerativeModel)) {
            throw new IllegalArgumentException("stage ppo samples responses from its policy, but '" + config.from()
                    + "' is a " + input.getClass().getSimpleName()
                    + ", which cannot generate text; start from a llama or hf-llama model");
        }
        if (!(input instanceof LlamaModel policy)) {
            throw new IllegalArgumentException("stage ppo trains llama or hf-llama models; '" + config.from()
                    + "' is a " + input.getClass().getSimpleName());
        }
        Reward reward = context.inputs().reward(config.reward());
        DjlDevices.forLease(context.device());
        boolean own = config.reference() == null || config.reference().equals(config.from());
        // A copy taken before any checkpoint is restored: the starting policy, frozen.
        try (LlamaModel copy = own ? policy.copy() : null) {
            LanguageModel reference = own ? copy : context.inputs().model(config.reference());
            PpoTrainer trainer = new PpoTrainer(
                    policy,
                    reference,
                    reward,
                    prompts,
                    config,
                    context.seed(),
                    context.checkpointDir(),
                    context.progress(),
                    context::log,
                    context::cancelled,
                    (s, l) -> {});
            context.log(String.format(
                    "ppo: %,d prompts, %d batches of %d, %d PPO epochs over mini-batches of %d",
                    prompts.size(), trainer.steps(), config.batchSize(), config.ppoEpochs(), config.miniBatchSize()));
            trainer.run();
            trainer.metrics().publish(context.outputDir().resolve(DpoStageFactory.METRICS_FILE));
            List<Double> rewards = trainer.metrics().series("env/reward_mean");
            context.log(String.format(
                    "ppo: finished %d batches; mean reward first %.4f, last %.4f",
                    rewards.size(),
                    rewards.isEmpty() ? Double.NaN : rewards.get(0),
                    rewards.isEmpty() ? Double.NaN : rewards.get(rewards.size() - 1)));
        }
        return policy;
    }
}
