package org.babylab.plugins.llama.model;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;

/**
 * Config of the {@code hf-llama} model type.
 *
 * @param path a local Hugging Face LlamaForCausalLM directory: config.json, model.safetensors, tokenizer.json
 */
@Doc("Imports a local Hugging Face LlamaForCausalLM directory (config.json, model.safetensors, tokenizer.json)")
public record HfLlamaModelConfig(
        @Required @Doc("Directory holding config.json, model.safetensors (F32/F16/BF16) and tokenizer.json")
        String path) {
    public HfLlamaModelConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(
                    "path is required: a directory with config.json, model.safetensors and tokenizer.json");
        }
    }
}
