/**
 * The {@code bpe} tokenizer: a byte-level BPE vocabulary trained the way Hugging Face's trainer does,
 * or read from a {@code tokenizer.json}, run through DJL's binding of the tokenizers library, with
 * BabyLab's special tokens.
 */
package org.babylab.plugins.llama.tokenizer;
