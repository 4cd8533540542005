package org.babylab.plugins.llama.model;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Config of the {@code llama} model type: a preset, optionally with fields overridden, initialised
 * at random for the referenced tokenizer. Null overrides keep the preset's value.
 */
@Doc("LLaMA decoder initialised at random from a preset, on DJL PyTorch")
public record LlamaModelConfig(
        @Required
        @Doc("Architecture preset: llama-140m, llama-100m (CLASS-IT Table 1), llama-tiny, llama-mini, llama-small")
        String preset,

        @Required
        @Ref(ComponentKind.TOKENIZER)
        @Doc("Tokenizer whose ids the model reads; its vocabulary sizes the embeddings unless the preset fixes it")
        String tokenizer,

        @Doc("Model width d (overrides the preset)") Integer hiddenSize,

        @Doc("Number of decoder blocks (overrides the preset)")
        Integer layers,

        @Doc("Attention heads (overrides the preset); must divide hidden_size")
        Integer heads,

        @Doc("Key/value heads for grouped-query attention; must divide heads (default: heads)")
        Integer kvHeads,

        @Doc("SwiGLU inner width (overrides the preset)") Integer intermediateSize,

        @Doc("Longest sequence the model accepts (overrides the preset)")
        Integer maxLength,

        @Doc("Rotary embedding base (default 10000)") Double ropeTheta,
        @Doc("RMSNorm epsilon (default 1e-6)") Double rmsEps,

        @Doc("Standard deviation of the normal init of weight matrices (default 0.02)")
        Double initStd) {

    /** The valid {@code preset} values, listed as an enum in the JSON schema ({@code babylab schema}). */
    public static java.util.Collection<String> presetValues() {
        return LlamaPresets.names();
    }

    public LlamaModelConfig {
        if (preset == null) {
            throw new IllegalArgumentException(
                    "preset is required; valid presets: " + String.join(", ", LlamaPresets.names()));
        }
        LlamaPresets.get(preset); // fails early, naming the valid presets
        // Validate overrides together with the preset, so an impossible combination is reported at the config.
        build(
                preset,
                tokenizer,
                hiddenSize,
                layers,
                heads,
                kvHeads,
                intermediateSize,
                maxLength,
                ropeTheta,
                rmsEps,
                initStd,
                LlamaPresets.fixesVocab(preset) ? LlamaPresets.get(preset).vocabSize() : 1);
    }

    /** The longest sequence the model accepts: {@code max_length}, else the preset's. */
    public int effectiveMaxLength() {
        return maxLength != null ? maxLength : LlamaPresets.get(preset).maxLength();
    }

    /**
     * The longest sequence the model descending from {@code model} accepts, when its family is
     * {@code llama} (an {@code hf-llama} import knows it only from its files, at run time).
     */
    public static java.util.OptionalInt maxLengthOf(org.babylab.api.step.PlanInputs inputs, String model) {
        return inputs.modelConfig(model) instanceof LlamaModelConfig c
                ? java.util.OptionalInt.of(c.effectiveMaxLength())
                : java.util.OptionalInt.empty();
    }

    /**
     * Fails at plan time when {@code seqLen} exceeds the max length of the model descending from {@code model}.
     *
     * @throws IllegalArgumentException naming both numbers and what to change
     */
    public static void checkSeqLen(org.babylab.api.step.PlanInputs inputs, String model, int seqLen) {
        java.util.OptionalInt max = maxLengthOf(inputs, model);
        if (max.isPresent() && seqLen > max.getAsInt()) {
            throw new IllegalArgumentException("seq_len " + seqLen + " exceeds the max_length " + max.getAsInt()
                    + " of model '" + model + "'; lower seq_len or raise the model's max_length");
        }
    }

    /**
     * The architecture for a tokenizer of {@code tokenizerVocab} ids.
     *
     * @throws IllegalArgumentException if the preset fixes a vocabulary smaller than the tokenizer's, naming both
     */
    public LlamaArchitecture architecture(int tokenizerVocab) {
        return build(
                preset,
                tokenizer,
                hiddenSize,
                layers,
                heads,
                kvHeads,
                intermediateSize,
                maxLength,
                ropeTheta,
                rmsEps,
                initStd,
                tokenizerVocab);
    }

    // Static because the compact constructor validates before the fields are assigned.
    private static LlamaArchitecture build(
            String preset,
            String tokenizer,
            Integer hiddenSize,
            Integer layers,
            Integer heads,
            Integer kvHeads,
            Integer intermediateSize,
            Integer maxLength,
            Double ropeTheta,
            Double rmsEps,
            Double initStd,
            int tokenizerVocab) {
        LlamaArchitecture p = LlamaPresets.get(preset);
        int vocab = tokenizerVocab;
        if (LlamaPresets.fixesVocab(preset) && p.vocabSize() != tokenizerVocab) {
            throw new IllegalArgumentException(
                    "preset " + preset + " has vocab_size " + p.vocabSize() + " but tokenizer '" + tokenizer + "' has "
                            + tokenizerVocab + " tokens; train the tokenizer with vocab_size: " + p.vocabSize()
                            + " or pick a preset that takes the tokenizer's vocabulary");
        }
        int h = heads != null ? heads : p.heads();
        int kv = kvHeads != null ? kvHeads : (heads != null ? heads : p.kvHeads());
        return new LlamaArchitecture(
                vocab,
                hiddenSize != null ? hiddenSize : p.hiddenSize(),
                layers != null ? layers : p.layers(),
                h,
                kv,
                intermediateSize != null ? intermediateSize : p.intermediateSize(),
                maxLength != null ? maxLength : p.maxLength(),
                ropeTheta != null ? ropeTheta : p.ropeTheta(),
                rmsEps != null ? rmsEps : p.rmsEps(),
                initStd != null ? initStd : p.initStd());
    }
}
