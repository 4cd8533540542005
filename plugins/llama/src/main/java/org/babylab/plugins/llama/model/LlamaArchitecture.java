package org.babylab.plugins.llama.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a LLaMA decoder: RMSNorm, rotary embeddings, SwiGLU MLP, causal (optionally
 * grouped-query) attention, untied input and output embeddings, no biases.
 *
 * <p>{@link #parameterShapes()} is the single source of truth for which tensors exist and how big
 * they are: the model allocates exactly these, the safetensors export writes exactly these, and
 * {@link #parameterCount()} sums them.
 *
 * @param vocabSize tokens in the vocabulary
 * @param hiddenSize model width d
 * @param layers decoder blocks
 * @param heads attention heads; must divide {@code hiddenSize}
 * @param kvHeads key/value heads; must divide {@code heads} (equal to heads: plain multi-head attention)
 * @param intermediateSize SwiGLU inner width
 * @param maxLength longest sequence (rotary table size)
 * @param ropeTheta rotary base
 * @param rmsEps RMSNorm epsilon
 * @param initStd standard deviation of the normal init of weight matrices
 */
public record LlamaArchitecture(
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int kvHeads,
        int intermediateSize,
        int maxLength,
        double ropeTheta,
        double rmsEps,
        double initStd) {
    public LlamaArchitecture {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("layers", layers);
        positive("heads", heads);
        positive("kv_heads", kvHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_length", maxLength);
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " must be divisible by heads " + heads);
        }
        if ((hiddenSize / heads) % 2 != 0) {
            throw new IllegalArgumentException(
                    "head size hidden_size/heads = " + hiddenSize / heads + " must be even for rotary embeddings");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " must be divisible by kv_heads " + kvHeads);
        }
        if (!(ropeTheta > 0) || !(rmsEps > 0) || !(initStd > 0)) {
            throw new IllegalArgumentException(
                    "rope_theta, rms_eps and init_std must be > 0, got " + ropeTheta + ", " + rmsEps + ", " + initStd);
        }
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + v);
        }
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / heads;
    }

    /** The same architecture with another vocabulary size. */
    public LlamaArchitecture withVocabSize(int v) {
        return new LlamaArchitecture(
                v, hiddenSize, layers, heads, kvHeads, intermediateSize, maxLength, ropeTheta, rmsEps, initStd);
    }

    /**
     * Every trainable tensor by its Hugging Face {@code LlamaForCausalLM} name, in a stable order,
     * with its shape ({@code [out, in]} for projections, as {@code torch.nn.Linear} stores them).
     */
    public Map<String, long[]> parameterShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long d = hiddenSize;
        long kv = (long) kvHeads * headDim();
        shapes.put("model.embed_tokens.weight", new long[] {vocabSize, d});
        for (int i = 0; i < layers; i++) {
            String p = "model.layers." + i + ".";
            shapes.put(p + "input_layernorm.weight", new long[] {d});
            shapes.put(p + "self_attn.q_proj.weight", new long[] {d, d});
            shapes.put(p + "self_attn.k_proj.weight", new long[] {kv, d});
            shapes.put(p + "self_attn.v_proj.weight", new long[] {kv, d});
            shapes.put(p + "self_attn.o_proj.weight", new long[] {d, d});
            shapes.put(p + "post_attention_layernorm.weight", new long[] {d});
            shapes.put(p + "mlp.gate_proj.weight", new long[] {intermediateSize, d});
            shapes.put(p + "mlp.up_proj.weight", new long[] {intermediateSize, d});
            shapes.put(p + "mlp.down_proj.weight", new long[] {d, intermediateSize});
        }
        shapes.put("model.norm.weight", new long[] {d});
        shapes.put("lm_head.weight", new long[] {vocabSize, d});
        return shapes;
    }

    /** True for the RMSNorm gains, which start at one and are not weight-decayed. */
    public static boolean isNormWeight(String name) {
        return name.endsWith("layernorm.weight") || name.equals("model.norm.weight");
    }

    /** The number of trainable scalars, summed over {@link #parameterShapes()}. */
    public long parameterCount() {
        long total = 0;
        for (long[] shape : parameterShapes().values()) {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            total += n;
        }
        return total;
    }

    /**
     * Forward-pass FLOPs per token for a sequence of {@code seqLen}: 2 per multiply-add in every
     * matmul, the attention score and mix products included (causal masking not discounted, as
     * the dense kernels compute them anyway).
     */
    public double forwardFlopsPerToken(int seqLen) {
        long d = hiddenSize;
        long kv = (long) kvHeads * headDim();
        double perLayer = 2.0 * (d * d * 2 + d * kv * 2 + 3.0 * d * intermediateSize) + 2.0 * 2 * seqLen * d;
        return layers * perLayer + 2.0 * d * vocabSize;
    }
}
