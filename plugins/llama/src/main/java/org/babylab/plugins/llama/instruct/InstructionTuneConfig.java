package org.babylab.plugins.llama.instruct;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.NotKeyed;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Config of the {@code instruction-tune} stage: supervised fine-tuning of a LLaMA model on chat
 * examples, one curriculum phase per step, loss on reply tokens only. There is no {@code epochs}
 * key: the curriculum's phases say how many passes they make.
 */
@Doc(
        "Instruction tuning of a LLaMA model along a curriculum (loss on replies only, packed examples that never see each other, resumable)")
public record InstructionTuneConfig(
        @Required
        @Ref(ComponentKind.MODEL)
        @Doc(
                "Model (or stage output) to start from; must be a llama/hf-llama model whose tokenizer has the chat template's special tokens")
        String from,

        @Required
        @Ref(ComponentKind.CURRICULUM)
        @Doc("Curriculum over instruction datasets; each phase is its own step")
        String curriculum,

        @Ref(ComponentKind.CHAT_TEMPLATE)
        @Doc(
                "Chat template rendering the examples (default: role-tokens, <|user|> prompt <|end|> <|assistant|> reply <|end|>)")
        String chatTemplate,

        @Doc(
                "Tokens per packed training sequence; longer examples are cut (default 512, at most the model's max length)")
        Integer seqLen,

        @NotKeyed @Doc("Write a resumable checkpoint every N optimiser steps (default 500); not part of the cache key")
        Integer checkpointEvery,

        @Doc("AdamW and schedule settings (defaults: CLASS-IT Table 2)")
        InstructionOptimizerConfig optimizer) {

    public InstructionTuneConfig {
        if (from == null || curriculum == null) {
            throw new IllegalArgumentException("from (a model) and curriculum (a curriculum) are required");
        }
        seqLen = seqLen == null ? 512 : seqLen;
        if (seqLen < 2) {
            throw new IllegalArgumentException("seq_len must be >= 2, got " + seqLen);
        }
        checkpointEvery = checkpointEvery == null ? 500 : checkpointEvery;
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint_every must be >= 1, got " + checkpointEvery);
        }
        optimizer = optimizer == null ? InstructionOptimizerConfig.defaults() : optimizer;
    }
}
