package org.babylab.plugins.llama.preference;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Config of the {@code dpo} stage. Defaults are TRL's ({@code DPOTrainer}, 0.8.x): sigmoid loss,
 * beta 0.1, no label smoothing, max_length 512, max_prompt_length 128, replies followed by EOS, and
 * Hugging Face's 3 epochs.
 */
@Doc(
        "Direct preference optimisation of a LLaMA model against a frozen reference (TRL's losses, reference log-probs computed once, resumable)")
public record DpoConfig(
        @Required @Ref(ComponentKind.MODEL) @Doc("Model (or stage output) to train, the policy; a llama/hf-llama model")
        String from,

        @Ref(ComponentKind.MODEL) @Doc("Frozen reference model (or stage output); default: the starting policy")
        String reference,

        @Required @Ref(ComponentKind.DATASET) @Doc("Preference dataset: records {prompt, chosen, rejected}")
        String data,

        @Doc("sigmoid (DPO), hinge (RSO) or ipo (default sigmoid)")
        String loss,

        @Doc("Inverse temperature of the implicit reward (default 0.1)")
        Double beta,

        @Doc("Conservative DPO: assumed rate of flipped labels in [0, 0.5), sigmoid loss only (default 0)")
        Double labelSmoothing,

        @Doc("Passes over the pairs, reshuffled each epoch (default 3)")
        Integer epochs,

        @Doc("Longest prompt + reply in tokens; longer pairs are cut (default 512, at most the model's max length)")
        Integer maxLength,

        @Doc("Prompts are cut to their last N tokens when a pair is too long (default 128)")
        Integer maxPromptLength,

        @Doc(
                "Text put between the prompt and each reply (default one space, as the dialogue-pairs evaluator scores them)")
        String separator,

        @Doc("End each reply with the tokenizer's EOS, as TRL does (default true)")
        Boolean appendEos,

        @org.babylab.api.config.NotKeyed
        @Doc("Write a resumable checkpoint every N optimiser steps (default 500); not part of the cache key")
        Integer checkpointEvery,

        @Doc("AdamW and schedule settings (defaults: Hugging Face TrainingArguments)")
        PreferenceOptimizerConfig optimizer) {

    public DpoConfig {
        if (from == null || data == null) {
            throw new IllegalArgumentException("from (a model) and data (a preference dataset) are required");
        }
        loss = loss == null ? "sigmoid" : loss;
        beta = beta == null ? 0.1 : beta;
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        new DpoLoss(DpoLoss.Kind.parse(loss), beta, labelSmoothing);
        epochs = epochs == null ? 3 : epochs;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        maxLength = maxLength == null ? 512 : maxLength;
        maxPromptLength = maxPromptLength == null ? 128 : maxPromptLength;
        if (maxLength < 2 || maxPromptLength < 1 || maxPromptLength >= maxLength) {
            throw new IllegalArgumentException("need max_length >= 2 and 1 <= max_prompt_length < max_length, got "
                    + maxLength + " and " + maxPromptLength);
        }
        separator = separator == null ? " " : separator;
        appendEos = appendEos == null ? Boolean.TRUE : appendEos;
        checkpointEvery = checkpointEvery == null ? 500 : checkpointEvery;
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint_every must be >= 1, got " + checkpointEvery);
        }
        optimizer = optimizer == null ? PreferenceOptimizerConfig.defaults() : optimizer;
    }

    /** The loss these settings describe. */
    public DpoLoss dpoLoss() {
        return new DpoLoss(DpoLoss.Kind.parse(loss), beta, labelSmoothing);
    }
}
