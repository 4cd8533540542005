package org.babylab.plugins.llama.train;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.NotKeyed;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Config of the {@code causal-lm} training stage: next-token pretraining of a LLaMA model on
 * packed sequences, resumable from checkpoints.
 */
@Doc("Causal language-model training (packed sequences, AdamW, warm-up schedules, resumable checkpoints)")
public record CausalLmConfig(
        @Required
        @Ref(ComponentKind.MODEL)
        @Doc("Model (or stage output) to start from; must be a llama/hf-llama model")
        String from,

        @Required @Ref(ComponentKind.DATASET) @Doc("Dataset whose texts are packed into training sequences")
        String data,

        @Ref(ComponentKind.DATASET) @Doc("Dataset for held-out loss (exclusive with eval_fraction)")
        String evalData,

        @Doc("Fraction of packed sequences held out for loss when eval_data is absent (default 0: none)")
        Double evalFraction,

        @Doc("Passes over the training sequences (default 8)")
        Integer epochs,

        @Doc("Stop after this many optimiser steps even if epochs remain (default: no limit)")
        Integer maxSteps,

        @Doc(
                "Tokens per training sequence; documents are joined as <bos> text <eos> and cut into windows (default 512, at most the model's max length)")
        Integer seqLen,

        @NotKeyed @Doc("Write a resumable checkpoint every N optimiser steps (default 500); not part of the cache key")
        Integer checkpointEvery,

        @Doc("Compute held-out loss every N optimiser steps; 0 means only at the end (default 0)")
        Integer evalEvery,

        @Doc("AdamW and schedule settings") OptimizerConfig optimizer,

        @NotKeyed
        @Doc(
                "Intermediate checkpoints to keep, each a model output stage@name (words, tokens, steps, epochs); not part of the stage's key")
        KeepConfig keep) {

    /** A config that keeps no intermediate checkpoints. */
    public CausalLmConfig(
            String from,
            String data,
            String evalData,
            Double evalFraction,
            Integer epochs,
            Integer maxSteps,
            Integer seqLen,
            Integer checkpointEvery,
            Integer evalEvery,
            OptimizerConfig optimizer) {
        this(from, data, evalData, evalFraction, epochs, maxSteps, seqLen, checkpointEvery, evalEvery, optimizer, null);
    }

    public CausalLmConfig {
        if (from == null || data == null) {
            throw new IllegalArgumentException("from (a model) and data (a dataset) are required");
        }
        if (evalData != null && evalFraction != null && evalFraction > 0) {
            throw new IllegalArgumentException("give eval_data or eval_fraction, not both");
        }
        evalFraction = evalFraction == null ? 0.0 : evalFraction;
        if (evalFraction < 0 || evalFraction >= 1) {
            throw new IllegalArgumentException("eval_fraction must be in [0, 1), got " + evalFraction);
        }
        epochs = epochs == null ? 8 : epochs;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("max_steps must be >= 1, got " + maxSteps);
        }
        seqLen = seqLen == null ? 512 : seqLen;
        if (seqLen < 2) {
            throw new IllegalArgumentException("seq_len must be >= 2, got " + seqLen);
        }
        checkpointEvery = checkpointEvery == null ? 500 : checkpointEvery;
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint_every must be >= 1, got " + checkpointEvery);
        }
        evalEvery = evalEvery == null ? 0 : evalEvery;
        if (evalEvery < 0) {
            throw new IllegalArgumentException("eval_every must be >= 0, got " + evalEvery);
        }
        optimizer = optimizer == null ? OptimizerConfig.defaults() : optimizer;
        keep = keep == null ? new KeepConfig(null, null, null, null) : keep;
    }
}
