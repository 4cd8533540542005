package org.babylab.plugins.llama.preference;

import java.util.Arrays;
import java.util.List;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.PlanInputs;
import org.babylab.api.step.ResourceRequest;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.llama.model.DjlDevices;
import org.babylab.plugins.llama.model.HfLlamaModelFactory;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.model.LlamaModelFactory;
import org.babylab.plugins.llama.train.OptimizerConfig;
import org.babylab.plugins.llama.train.TrainingLoop;

/**
 * The {@code dpo} stage type: direct preference optimisation of a LLaMA policy against a frozen
 * reference (any model whose tokenizer agrees with the policy's, by default the starting policy).
 * Writes {@code train-metrics.jsonl} (TRL's per-step metrics) next to the model. Stateless,
 * thread-safe.
 */
public final class DpoStageFactory implements TrainingStageFactory<DpoConfig> {
    /** The per-step metrics file in the stage's output. */
    public static final String METRICS_FILE = "train-metrics.jsonl";

    @Override
    public String type() {
        return "dpo";
    }

    @Override
    public Class<DpoConfig> configType() {
        return DpoConfig.class;
    }

    @Override
    public String description() {
        return "Direct preference optimisation (sigmoid/hinge/ipo, conservative DPO) against a frozen reference, exact resume";
    }

    @Override
    public ResourceRequest resources(DpoConfig config) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    /** Before anything runs: the policy is a LLaMA and every record of the data is a preference pair. */
    @Override
    public void check(DpoConfig config, PlanInputs inputs) throws Exception {
        requireLlama("dpo", config.from(), inputs);
        PreferenceExamples.read(config.data(), inputs.dataset(config.data()));
    }

    /** Fails unless model {@code name} belongs to a family this plugin trains. */
    public static void requireLlama(String stage, String name, PlanInputs inputs) {
        ModelFactory<?> family = inputs.modelFamily(name);
        if (!(family instanceof LlamaModelFactory) && !(family instanceof HfLlamaModelFactory)) {
            throw new IllegalArgumentException(
                    "stage " + stage + " trains llama or hf-llama models, but '" + name + "' is a model of type "
                            + family.type() + (family.generates() ? "" : ", which cannot generate text")
                            + "; start from a llama or hf-llama model");
        }
    }

    @Override
    public LanguageModel create(DpoConfig config, StepContext context) throws Exception {
        // Read and check the data before anything else, so a malformed file fails fast.
        List<String[]> triples =
                PreferenceExamples.read(config.data(), context.inputs().dataset(config.data()));
        LanguageModel input = context.inputs().model(config.from());
        if (!(input instanceof LlamaModel policy)) {
            throw new IllegalArgumentException("stage dpo trains llama or hf-llama models; '" + config.from()
                    + "' is a " + input.getClass().getSimpleName());
        }
        DjlDevices.forLease(context.device());
        int maxLength = Math.min(config.maxLength(), policy.maxSequenceLength());
        List<PreferencePair> pairs = PreferenceExamples.encode(
                triples,
                policy.tokenizer(),
                config.separator(),
                config.appendEos(),
                maxLength,
                Math.min(config.maxPromptLength(), maxLength - 1));
        DpoLoss loss = config.dpoLoss();
        OptimizerConfig opt = config.optimizer().toOptimizerConfig();
        String fingerprint = PreferenceExamples.fingerprint(pairs);
        boolean ownReference = config.reference() == null || config.reference().equals(config.from());
        LanguageModel reference = ownReference ? policy : context.inputs().model(config.reference());
        if (!ownReference) {
            requireSameTokens(policy, reference, triples.get(0)[0], config);
        }
        // Before training starts (and before a checkpoint is restored), so the default reference is the starting
        // policy.
        double[][] ref = ReferenceLogProbs.loadOrCompute(
                context.checkpointDir(),
                fingerprint + "/" + loss.averagesLogProbs(),
                pairs,
                reference,
                loss.averagesLogProbs(),
                4 * opt.batchSize(),
                context::log);
        DpoTrainer trainer = new DpoTrainer(
                policy,
                loss,
                opt,
                pairs,
                ref,
                config.epochs(),
                config.checkpointEvery(),
                context.seed(),
                fingerprint,
                context.checkpointDir(),
                context.progress(),
                context::log,
                context::cancelled,
                (s, l) -> {});
        context.log(String.format(
                "dpo: %,d pairs, %d epochs, %d optimiser steps of %d x %d pairs; loss %s, beta %s",
                pairs.size(),
                config.epochs(),
                trainer.steps(),
                opt.batchSize(),
                opt.gradAccum(),
                loss.kind().id(),
                loss.beta()));
        TrainingLoop.Outcome r = trainer.run();
        trainer.metrics().publish(context.outputDir().resolve(METRICS_FILE));
        List<Double> acc = trainer.metrics().series("rewards/accuracies");
        context.log(String.format(
                "dpo: finished %d steps, last loss %.4f, last reward accuracy %s",
                r.steps(), r.lastLoss(), acc.isEmpty() ? "n/a" : String.format("%.3f", acc.get(acc.size() - 1))));
        return policy;
    }

    /** Fails when the reference reads other token ids than the policy (its log-probs would be of other sequences). */
    static void requireSameTokens(LanguageModel policy, LanguageModel reference, String probe, DpoConfig config) {
        if (policy.tokenizer().vocabSize() != reference.tokenizer().vocabSize()
                || !Arrays.equals(
                        policy.tokenizer().encode(probe).ids(),
                        reference.tokenizer().encode(probe).ids())) {
            throw new IllegalArgumentException("the reference model '" + config.reference()
                    + "' tokenizes text differently from the policy '" + config.from()
                    + "'; a DPO reference must share the policy's tokenizer (train both from the same tokenizer)");
        }
    }
}
