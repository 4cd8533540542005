package org.babylab.plugins.instruct.experiments;

import java.nio.file.Path;
import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * The types the CLASS-IT experiments use that live in other plugins ({@code bpe}, {@code llama},
 * {@code causal-lm} in the llama plugin, the BabyLM evaluators) or do not exist yet
 * ({@code instruction-tune}), with config records that accept the keys those experiments write, so
 * that {@code plan} can be tested here. They can only be planned: running one throws.
 */
final class PlanOnlyPlugin implements Plugin {

    record BpeConfig(
            @Required @Doc("vocabulary size") Integer vocabSize,

            @Ref(ComponentKind.DATASET) @Doc("training data")
            String trainOn) {}

    record LlamaConfig(
            @Required @Doc("architecture preset") String preset,

            @Required @Ref(ComponentKind.TOKENIZER) @Doc("tokenizer")
            String tokenizer) {}

    record OptimizerConfig(
            @Doc("learning rate") Double lr,
            @Doc("batch size") Integer batchSize,
            @Doc("schedule") String schedule,
            @Doc("warmup steps") Integer warmupSteps) {}

    record CausalLmConfig(
            @Required @Ref(ComponentKind.MODEL) @Doc("start")
            String from,

            @Required @Ref(ComponentKind.DATASET) @Doc("data")
            String data,

            @Doc("epochs") Integer epochs,
            @Doc("sequence length") Integer seqLen,
            @Doc("optimizer") OptimizerConfig optimizer) {}

    record InstructionTuneConfig(
            @Required @Ref(ComponentKind.MODEL) @Doc("start")
            String from,

            @Required @Ref(ComponentKind.CURRICULUM) @Doc("curriculum")
            String curriculum,

            @Ref(ComponentKind.CHAT_TEMPLATE) @Doc("chat template")
            String chatTemplate,

            @Doc("sequence length") Integer seqLen,
            @Doc("optimizer") OptimizerConfig optimizer) {}

    record EvalConfig(
            @Required @Doc("data") String path,
            @Doc("zip password") String password) {}

    record GlueConfig(
            @Required @Doc("task") String task,
            @Required @Doc("data") String path,
            @Doc("sample") Integer maxTrainExamples) {}

    /** Stands in for the evaluators plugin's {@code glue} fine-tuning evaluator. */
    static final class Glue implements EvaluatorFactory<GlueConfig> {
        @Override
        public String type() {
            return "glue";
        }

        @Override
        public Class<GlueConfig> configType() {
            return GlueConfig.class;
        }

        @Override
        public Evaluator create(GlueConfig c, ComponentContext ctx) {
            throw planOnly(this);
        }
    }

    private static UnsupportedOperationException planOnly(ComponentFactory<?> f) {
        return new UnsupportedOperationException(f.type() + " is a plan-only test fixture");
    }

    static final class Bpe implements TokenizerFactory<BpeConfig> {
        @Override
        public String type() {
            return "bpe";
        }

        @Override
        public Class<BpeConfig> configType() {
            return BpeConfig.class;
        }

        @Override
        public Tokenizer create(BpeConfig c, StepContext ctx) {
            throw planOnly(this);
        }

        @Override
        public Tokenizer load(BpeConfig c, Path dir, LoadContext ctx) {
            throw planOnly(this);
        }
    }

    static final class Llama implements ModelFactory<LlamaConfig> {
        @Override
        public String type() {
            return "llama";
        }

        @Override
        public Class<LlamaConfig> configType() {
            return LlamaConfig.class;
        }

        @Override
        public LanguageModel create(LlamaConfig c, StepContext ctx) {
            throw planOnly(this);
        }

        @Override
        public LanguageModel load(LlamaConfig c, Path dir, LoadContext ctx) {
            throw planOnly(this);
        }
    }

    static final class CausalLm implements TrainingStageFactory<CausalLmConfig> {
        @Override
        public String type() {
            return "causal-lm";
        }

        @Override
        public Class<CausalLmConfig> configType() {
            return CausalLmConfig.class;
        }

        @Override
        public LanguageModel create(CausalLmConfig c, StepContext ctx) {
            throw planOnly(this);
        }
    }

    static final class InstructionTune implements TrainingStageFactory<InstructionTuneConfig> {
        @Override
        public String type() {
            return "instruction-tune";
        }

        @Override
        public Class<InstructionTuneConfig> configType() {
            return InstructionTuneConfig.class;
        }

        @Override
        public LanguageModel create(InstructionTuneConfig c, StepContext ctx) {
            throw planOnly(this);
        }
    }

    static final class Eval implements EvaluatorFactory<EvalConfig> {
        private final String type;

        Eval(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Class<EvalConfig> configType() {
            return EvalConfig.class;
        }

        @Override
        public Evaluator create(EvalConfig c, ComponentContext ctx) {
            throw planOnly(this);
        }
    }

    @Override
    public String name() {
        return "plan-only-fixtures";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<TokenizerFactory<?>> tokenizers() {
        return List.of(new Bpe());
    }

    @Override
    public List<ModelFactory<?>> models() {
        return List.of(new Llama());
    }

    @Override
    public List<TrainingStageFactory<?>> stages() {
        return List.of(new CausalLm(), new InstructionTune());
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return List.of(
                new Eval("blimp"),
                new Eval("ewok"),
                new Eval("entity-tracking"),
                new Eval("wug-adjectives"),
                new Eval("reading-times"),
                new Eval("minimal-pairs"),
                new Glue());
    }
}
