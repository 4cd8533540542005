/**
 * Hugging Face checkpoint files read and written without Python: {@code config.json}, safetensors
 * weights (single or sharded), and the tokenizer files next to them.
 */
package org.babylab.plugins.llama.hf;
