package org.babylab.plugins.llama.train;

import java.util.stream.Stream;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.TrainingStageFactory;
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

    @Override
    public ResourceRequest resources(CausalLmConfig config) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    @Override
    public LanguageModel create(CausalLmConfig config, StepContext context) throws Exception {
        LanguageModel input = context.inputs().model(config.from());
        if (!(input instanceof LlamaModel model)) {
            throw new IllegalArgumentException("stage causal-lm trains llama or hf-llama models; '" + config.from() + "' is a "
                    + input.getClass().getSimpleName());
        }
        DjlDevices.forLease(context.device());
        if (config.seqLen() > model.maxSequenceLength()) {
            throw new IllegalArgumentException("seq_len " + config.seqLen() + " exceeds the max_length " + model.maxSequenceLength()
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
            try (Stream<String> texts = context.inputs().dataset(config.evalData()).texts()) {
                eval = CausalLmTrainer.Windows.all(PackedCorpus.pack(texts, model.tokenizer(), config.seqLen(), context.progress()));
            }
        } else {
            CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(corpus, config.evalFraction(), context.seed());
            train = split[0];
            eval = split[1];
        }
        context.log(String.format("causal-lm: %,d tokens in %,d windows of %d (+1) tokens; %d held out", corpus.tokenCount(),
                corpus.windows(), config.seqLen(), eval.indices().length));
        CausalLmTrainer trainer = new CausalLmTrainer(config, model, train, eval, context.seed(), context.checkpointDir(),
                context.progress(), context::log, context::cancelled, (s, l) -> { });
        CausalLmTrainer.Result r = trainer.run();
        context.log(String.format("causal-lm: finished %d steps, last loss %.4f", r.steps(), r.lastLoss()));
        return model;
    }
}
