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
import org.babylab.plugins.llama.model.RopeScaling;

/**
 * Reads and writes the {@code config.json} of a Hugging Face {@code LlamaForCausalLM} checkpoint.
 *
 * <p>Both config generations are read: transformers v4 ({@code rope_theta} at the top,
 * {@code rope_scaling} with {@code rope_type} or the older {@code type}) and v5
 * ({@code rope_parameters: {rope_type, rope_theta, ...}}). Rope types {@code default},
 * {@code linear} and {@code llama3} are implemented; {@code hidden_act} may be {@code silu} or its
 * alias {@code swish}. Written configs carry both {@code rope_theta}/{@code rope_scaling} and
 * {@code rope_parameters}, so either generation reads them. Stateless and thread-safe.
 */
public final class HfLlamaConfig {
    public static final String FILE_NAME = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfLlamaConfig() {}

    /** Writes {@code config.json} for an untied {@code arch} without rope scaling into {@code dir}. */
    public static void write(Path dir, LlamaArchitecture arch, OptionalInt bos, OptionalInt eos, OptionalInt pad)
            throws IOException {
        write(dir, arch, RopeScaling.NONE, false, bos, eos, pad);
    }

    /**
     * Writes {@code config.json} into {@code dir}.
     *
     * @param tied whether {@code lm_head} is the input embedding ({@code tie_word_embeddings}); the
     *     weights then hold no {@code lm_head.weight}
     */
    public static void write(
            Path dir,
            LlamaArchitecture arch,
            RopeScaling rope,
            boolean tied,
            OptionalInt bos,
            OptionalInt eos,
            OptionalInt pad)
            throws IOException {
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
        if (rope.isDefault()) {
            c.putNull("rope_scaling");
        } else {
            ropeFields(c.putObject("rope_scaling"), rope);
        }
        ObjectNode params = c.putObject("rope_parameters");
        ropeFields(params, rope);
        params.put("rope_theta", arch.ropeTheta());
        c.put("hidden_act", "silu");
        c.put("initializer_range", arch.initStd());
        c.put("attention_bias", false);
        c.put("mlp_bias", false);
        c.put("tie_word_embeddings", tied);
        c.put("torch_dtype", "float32");
        bos.ifPresent(id -> c.put("bos_token_id", id));
        eos.ifPresent(id -> c.put("eos_token_id", id));
        pad.ifPresent(id -> c.put("pad_token_id", id));
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE_NAME).toFile(), c);
    }

    private static void ropeFields(ObjectNode n, RopeScaling rope) {
        n.put("rope_type", rope.type());
        if (!rope.isDefault()) {
            n.put("factor", rope.factor());
        }
        if (rope.type().equals("llama3")) {
            n.put("low_freq_factor", rope.lowFreqFactor());
            n.put("high_freq_factor", rope.highFreqFactor());
            n.put("original_max_position_embeddings", rope.originalMaxPositions());
        }
    }

    /**
     * What {@link #read} found.
     *
     * @param architecture the shapes, with the rope base from either config generation
     * @param tiedEmbeddings whether {@code lm_head} is the input embedding (transformers then ignores
     *     a stored {@code lm_head.weight})
     * @param rope the rope scaling
     */
    public record Parsed(LlamaArchitecture architecture, boolean tiedEmbeddings, RopeScaling rope) {}

    /**
     * Reads {@code dir/config.json}.
     *
     * @throws IOException naming the file and the key when a field is missing or describes something
     *     this decoder does not implement (rope scaling, biases, another activation)
     */
    public static Parsed read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    file.toString(), null, "missing config.json of a Hugging Face LlamaForCausalLM checkpoint");
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
        if (!act.equals("silu") && !act.equals("swish")) {
            throw new IOException(file + ": hidden_act is '" + act
                    + "'; this decoder implements 'silu' (alias 'swish', SwiGLU) only");
        }
        if (c.path("attention_bias").asBoolean(false) || c.path("mlp_bias").asBoolean(false)) {
            throw new IOException(file + ": attention_bias/mlp_bias are true; this decoder has no biases");
        }
        JsonNode ropeParams = c.path("rope_parameters");
        JsonNode ropeNode = c.hasNonNull("rope_scaling") ? c.get("rope_scaling") : ropeParams;
        String ropeKey = c.hasNonNull("rope_scaling") ? "rope_scaling" : "rope_parameters";
        double theta = c.hasNonNull("rope_theta")
                ? c.get("rope_theta").asDouble()
                : ropeParams.hasNonNull("rope_theta")
                        ? ropeParams.get("rope_theta").asDouble()
                        : 10_000;
        RopeScaling rope;
        try {
            rope = rope(ropeNode);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + ropeKey + " " + ropeNode + ": " + e.getMessage(), e);
        }
        int hidden = required(c, file, "hidden_size");
        int heads = required(c, file, "num_attention_heads");
        int kv = c.has("num_key_value_heads") && !c.get("num_key_value_heads").isNull()
                ? c.get("num_key_value_heads").asInt()
                : heads;
        if (c.hasNonNull("head_dim") && c.get("head_dim").asInt() * heads != hidden) {
            throw new IOException(file + ": head_dim " + c.get("head_dim").asInt() + " times num_attention_heads "
                    + heads + " is not hidden_size " + hidden
                    + "; only head_dim = hidden_size / num_attention_heads is supported");
        }
        try {
            LlamaArchitecture arch = new LlamaArchitecture(
                    required(c, file, "vocab_size"),
                    hidden,
                    required(c, file, "num_hidden_layers"),
                    heads,
                    kv,
                    required(c, file, "intermediate_size"),
                    c.path("max_position_embeddings").asInt(2048),
                    theta,
                    c.path("rms_norm_eps").asDouble(1e-6),
                    c.path("initializer_range").asDouble(0.02));
            // transformers' PretrainedConfig defaults tie_word_embeddings to true; LlamaConfig to false.
            return new Parsed(arch, c.path("tie_word_embeddings").asBoolean(false), rope);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The rope scaling of a {@code rope_scaling} or {@code rope_parameters} object; missing = none. */
    static RopeScaling rope(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return RopeScaling.NONE;
        }
        String type = n.hasNonNull("rope_type")
                ? n.get("rope_type").asText()
                : n.path("type").asText("default");
        return new RopeScaling(
                type,
                n.path("factor").asDouble(1.0),
                n.path("low_freq_factor").asDouble(0),
                n.path("high_freq_factor").asDouble(0),
                n.path("original_max_position_embeddings").asInt(0));
    }

    private static int required(JsonNode c, Path file, String key) throws IOException {
        JsonNode n = c.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new IOException(file + ": missing integer field '" + key + "'");
        }
        return n.asInt();
    }
}
