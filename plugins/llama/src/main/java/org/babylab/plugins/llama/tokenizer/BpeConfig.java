package org.babylab.plugins.llama.tokenizer;

import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Config of the {@code bpe} tokenizer: either trained on a dataset ({@code train_on}) or read
 * from an existing {@code tokenizer.json} ({@code path}).
 *
 * @param vocabSize total vocabulary size, special tokens and the 256 byte tokens included
 * @param trainOn the dataset to train on; null when {@code path} is given
 * @param minFrequency pairs seen fewer times are never merged; default 2
 * @param path a Hugging Face tokenizer.json (or a directory holding one) to load instead of training
 */
@Doc("Byte-level BPE tokenizer (Hugging Face tokenizer.json), trained in Java or loaded from a file")
public record BpeConfig(
        @Required
        @Doc(
                "Total vocabulary size including the 256 byte tokens and the 7 special tokens; when loading, must equal the file's size")
        Integer vocabSize,

        @Ref(ComponentKind.DATASET) @Doc("Dataset whose texts the merges are learned from (exclusive with path)")
        String trainOn,

        @Doc("Minimum count of a pair for it to be merged (default 2)")
        Integer minFrequency,

        @Doc(
                "Existing tokenizer.json, or a directory holding one, to load instead of training (exclusive with train_on)")
        String path) {

    public BpeConfig {
        if (vocabSize == null || vocabSize < 1) {
            throw new IllegalArgumentException("vocab_size must be a positive integer, got " + vocabSize);
        }
        if (minFrequency == null) {
            minFrequency = 2;
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("min_frequency must be >= 1, got " + minFrequency);
        }
        if ((trainOn == null) == (path == null)) {
            throw new IllegalArgumentException(
                    "give exactly one of train_on (a dataset to train on) or path (a tokenizer.json to load), got "
                            + (trainOn == null ? "neither" : "both"));
        }
        if (trainOn != null && vocabSize < 256 + SpecialTokens.ALL.size()) {
            throw new IllegalArgumentException("vocab_size " + vocabSize
                    + " is too small to train: byte-level BPE needs at least " + (256 + SpecialTokens.ALL.size())
                    + " (256 bytes + " + SpecialTokens.ALL.size() + " special tokens)");
        }
    }
}
