package org.babylab.plugins.llama.train;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.KeptCheckpoint;
import org.babylab.api.step.PlanInputs;
import org.babylab.api.step.ResourceRequest;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.llama.model.DjlDevices;
import org.babylab.plugins.llama.model.LlamaModel;

/** The {@code causal-lm} stage type: next-token pretraining of a LLaMA model. Stateless, thread-safe. */
public final class CausalLmStageFactory implements TrainingStageFactory<CausalLmConfig> {

    @Override
    public String type() {
        return "causal-lm";
    }

    @Override
    public Class<CausalLmConfig> configType() {
        return CausalLmConfig.class;
    }

    @Override
    public String description() {
        return "Causal LM pretraining with AdamW, warm-up schedules and exact resume from checkpoints";
    }

    /** Refuses, before anything runs, a {@code seq_len} longer than the model accepts. */
    @Override
    public void check(CausalLmConfig config, org.babylab.api.step.PlanInputs inputs) {
        org.babylab.plugins.llama.model.LlamaModelConfig.checkSeqLen(inputs, config.from(), config.seqLen());
    }

    /** The schedule of {@code keep:}; words per epoch are counted (and cached) only when words are kept. */
    @Override
    public List<KeptCheckpoint> keptCheckpoints(CausalLmConfig config, PlanInputs inputs) throws Exception {
        if (config.keep().isEmpty()) {
            return List.of();
        }
        long words = config.keep().words().isEmpty() || config.evalFraction() > 0 ? -1 : inputs.words(config.data());
        return KeepSchedule.of(config.keep(), config.epochs(), words).points();
    }

    /**
     * {@code epochs} and {@code max_steps} when the learning rate at a step does not depend on the
     * run's length (schedule {@code constant}, with or without warm-up): batch order is a function of
     * the seed and the epoch, so the weights after step {@code s} are the same in any longer run.
     * A decaying schedule (linear, cosine) reaches 0 at the last step, so every step's rate, and
     * every checkpoint's weights, depend on the length: nothing is left out.
     */
    @Override
    public Set<String> lengthKeys(CausalLmConfig config) {
        return scheduleDependsOnLength(config) ? Set.of() : Set.of("epochs", "max_steps");
    }

    @Override
    public String lengthDependence(CausalLmConfig config) {
        return scheduleDependsOnLength(config)
                ? "optimizer.schedule " + config.optimizer().schedule()
                        + " decays the learning rate to 0 at the last step, so the weights at every checkpoint depend on the total steps"
                        + " (epochs, max_steps); schedule constant (with warm-up) lets a longer run reuse them"
                : null;
    }

    private static boolean scheduleDependsOnLength(CausalLmConfig config) {
        return LearningRateSchedule.Kind.parse(config.optimizer().schedule()) != LearningRateSchedule.Kind.CONSTANT;
    }

    @Override
    public ResourceRequest resources(CausalLmConfig config) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    @Override
    public LanguageModel create(CausalLmConfig config, StepContext context) throws Exception {
        LanguageModel input = context.inputs().model(config.from());
        if (!(input instanceof LlamaModel model)) {
            throw new IllegalArgumentException("stage causal-lm trains llama or hf-llama models; '" + config.from()
                    + "' is a " + input.getClass().getSimpleName());
        }
        DjlDevices.forLease(context.device());
        if (config.seqLen() > model.maxSequenceLength()) {
            throw new IllegalArgumentException(
                    "seq_len " + config.seqLen() + " exceeds the max_length " + model.maxSequenceLength()
                            + " of model '" + config.from() + "'; lower seq_len or raise the model's max_length");
        }
        context.progress().start("tokenize", "docs", 0);
        PackedCorpus corpus;
        try (Stream<String> texts = context.inputs().dataset(config.data()).texts()) {
            corpus = PackedCorpus.pack(texts, model.tokenizer(), config.seqLen(), context.progress());
        }
        CausalLmTrainer.Windows train;
        CausalLmTrainer.Windows eval;
        if (config.evalData() != null) {
            train = CausalLmTrainer.Windows.all(corpus);
            try (Stream<String> texts =
                    context.inputs().dataset(config.evalData()).texts()) {
                eval = CausalLmTrainer.Windows.all(
                        PackedCorpus.pack(texts, model.tokenizer(), config.seqLen(), context.progress()));
            }
        } else {
            CausalLmTrainer.Windows[] split =
                    CausalLmTrainer.Windows.split(corpus, config.evalFraction(), context.seed());
            train = split[0];
            eval = split[1];
        }
        context.log(String.format(
                "causal-lm: %,d tokens in %,d windows of %d (+1) tokens; %d held out",
                corpus.tokenCount(), corpus.windows(), config.seqLen(), eval.indices().length));
        CausalLmTrainer trainer = new CausalLmTrainer(
                config,
                model,
                train,
                eval,
                context.seed(),
                context.checkpointDir(),
                context.progress(),
                context::log,
                context::cancelled,
                (s, l) -> {});
        if (!config.keep().isEmpty()) {
            long words = config.keep().words().isEmpty() ? -1 : corpus.wordCount();
            KeepSchedule schedule = KeepSchedule.of(config.keep(), config.epochs(), words);
            Set<String> pending = context.pendingCheckpoints();
            context.log("causal-lm: keeping " + schedule.byName().keySet()
                    + (pending.isEmpty() ? "" : "; not yet stored: " + pending));
            trainer.keeping(schedule, (names, at) -> {
                for (String name : names) {
                    if (pending.contains(name)) {
                        context.publishCheckpoint(name, model::save);
                    }
                }
            });
        }
        CausalLmTrainer.Result r = trainer.run();
        trainer.metrics().publish(context.outputDir().resolve(CausalLmTrainer.METRICS_FILE));
        context.log(String.format("causal-lm: finished %d steps, last loss %.4f", r.steps(), r.lastLoss()));
        return model;
    }
}
