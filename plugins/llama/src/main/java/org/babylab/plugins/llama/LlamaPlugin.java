package org.babylab.plugins.llama;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.plugins.llama.instruct.InstructionTuneStageFactory;
import org.babylab.plugins.llama.model.HfLlamaModelFactory;
import org.babylab.plugins.llama.model.LlamaModelFactory;
import org.babylab.plugins.llama.preference.DpoStageFactory;
import org.babylab.plugins.llama.rl.PpoStageFactory;
import org.babylab.plugins.llama.tokenizer.BpeTokenizerFactory;
import org.babylab.plugins.llama.train.CausalLmStageFactory;

/**
 * The {@code babylab-llama} plugin: the {@code bpe} tokenizer, the {@code llama} and
 * {@code hf-llama} models and the {@code causal-lm}, {@code instruction-tune}, {@code dpo} and {@code ppo} training stages, all on DJL's PyTorch engine.
 * Cheap to construct; returns the same stateless factories on every call.
 */
public final class LlamaPlugin implements Plugin {
    private static final List<TokenizerFactory<?>> TOKENIZERS = List.of(new BpeTokenizerFactory());
    private static final List<ModelFactory<?>> MODELS = List.of(new LlamaModelFactory(), new HfLlamaModelFactory());
    private static final List<TrainingStageFactory<?>> STAGES = List.of(
            new CausalLmStageFactory(),
            new InstructionTuneStageFactory(),
            new DpoStageFactory(),
            new PpoStageFactory());

    @Override
    public String name() {
        return "babylab-llama";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public List<TokenizerFactory<?>> tokenizers() {
        return TOKENIZERS;
    }

    @Override
    public List<ModelFactory<?>> models() {
        return MODELS;
    }

    @Override
    public List<TrainingStageFactory<?>> stages() {
        return STAGES;
    }
}
