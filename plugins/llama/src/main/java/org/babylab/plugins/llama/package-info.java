/**
 * The {@code babylab-llama} plugin: its registration of the {@code bpe} tokenizer, the {@code llama}
 * and {@code hf-llama} models and the LLaMA training stages, and what they share.
 */
package org.babylab.plugins.llama;
