package org.babylab.plugins.llama.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.babylab.plugins.llama.model.LlamaArchitecture;

/**
 * Reads and writes the {@code config.json} of a Hugging Face {@code LlamaForCausalLM} checkpoint.
 * Stateless and thread-safe.
 */
public final class HfLlamaConfig {
    public static final String FILE_NAME = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfLlamaConfig() {}

    /** Writes {@code config.json} for {@code arch} into {@code dir}. */
    public static void write(Path dir, LlamaArchitecture arch, OptionalInt bos, OptionalInt eos, OptionalInt pad) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("hidden_size", arch.hiddenSize());
        c.put("intermediate_size", arch.intermediateSize());
        c.put("num_attention_heads", arch.heads());
        c.put("num_hidden_layers", arch.layers());
        c.put("num_key_value_heads", arch.kvHeads());
        c.put("head_dim", arch.headDim());
        c.put("vocab_size", arch.vocabSize());
        c.put("max_position_embeddings", arch.maxLength());
        c.put("rms_norm_eps", arch.rmsEps());
        c.put("rope_theta", arch.ropeTheta());
        c.putNull("rope_scaling");
        c.put("hidden_act", "silu");
        c.put("initializer_range", arch.initStd());
        c.put("attention_bias", false);
        c.put("mlp_bias", false);
        c.put("tie_word_embeddings", false);
        c.put("torch_dtype", "float32");
        bos.ifPresent(id -> c.put("bos_token_id", id));
        eos.ifPresent(id -> c.put("eos_token_id", id));
        pad.ifPresent(id -> c.put("pad_token_id", id));
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE_NAME).toFile(), c);
    }

    /** What {@link #read} found: the architecture and whether the output embedding is tied to the input one. */
    public record Parsed(LlamaArchitecture architecture, boolean tiedEmbeddings) {}

    /**
     * Reads {@code dir/config.json}.
     *
     * @throws IOException naming the file and the key when a field is missing or describes something
     *     this decoder does not implement (rope scaling, biases, another activation)
     */
    public static Parsed read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing config.json of a Hugging Face LlamaForCausalLM checkpoint");
        }
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        String type = c.path("model_type").asText("llama");
        if (!type.equals("llama")) {
            throw new IOException(file + ": model_type is '" + type + "'; only 'llama' checkpoints can be imported");
        }
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new IOException(file + ": hidden_act is '" + act + "'; this decoder implements 'silu' (SwiGLU) only");
        }
        if (c.path("attention_bias").asBoolean(false) || c.path("mlp_bias").asBoolean(false)) {
            throw new IOException(file + ": attention_bias/mlp_bias are true; this decoder has no biases");
        }
        if (c.hasNonNull("rope_scaling")) {
            throw new IOException(file + ": rope_scaling " + c.get("rope_scaling") + " is not supported; only plain rotary embeddings (rope_scaling: null)");
        }
        int hidden = required(c, file, "hidden_size");
        int heads = required(c, file, "num_attention_heads");
        int kv = c.has("num_key_value_heads") && !c.get("num_key_value_heads").isNull() ? c.get("num_key_value_heads").asInt() : heads;
        if (c.hasNonNull("head_dim") && c.get("head_dim").asInt() * heads != hidden) {
            throw new IOException(file + ": head_dim " + c.get("head_dim").asInt() + " times num_attention_heads " + heads
                    + " is not hidden_size " + hidden + "; only head_dim = hidden_size / num_attention_heads is supported");
        }
        try {
            LlamaArchitecture arch = new LlamaArchitecture(
                    required(c, file, "vocab_size"), hidden, required(c, file, "num_hidden_layers"), heads, kv,
                    required(c, file, "intermediate_size"), c.path("max_position_embeddings").asInt(2048),
                    c.path("rope_theta").asDouble(10_000), c.path("rms_norm_eps").asDouble(1e-6), c.path("initializer_range").asDouble(0.02));
            return new Parsed(arch, c.path("tie_word_embeddings").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int required(JsonNode c, Path file, String key) throws IOException {
        JsonNode n = c.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new IOException(file + ": missing integer field '" + key + "'");
        }
        return n.asInt();
    }
}
