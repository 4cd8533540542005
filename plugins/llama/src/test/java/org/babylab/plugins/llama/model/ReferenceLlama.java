package org.babylab.plugins.llama.model;

import java.util.Map;

/**
 * A deliberately naive, loop-by-loop double-precision transcription of Hugging Face's
 * {@code LlamaForCausalLM} forward pass (modeling_llama.py: RMSNorm, rotate-half RoPE, repeat_kv,
 * causal softmax attention, SwiGLU), used to check the NDArray implementation's tensor layouts.
 */
final class ReferenceLlama {
    private final LlamaArchitecture a;
    private final Map<String, float[]> w;
    private final double[] inverseFrequencies;

    ReferenceLlama(LlamaArchitecture a, Map<String, float[]> weights) {
        this(a, weights, null);
    }

    /** With the rotary inverse frequencies given (a scaled rope), or null for {@code theta^(-2i/d)}. */
    ReferenceLlama(LlamaArchitecture a, Map<String, float[]> weights, double[] inverseFrequencies) {
        this.a = a;
        this.w = weights;
        this.inverseFrequencies = inverseFrequencies;
    }

    /** log P(ids[t] | ids[0..t-1]) for t >= 1; index 0 is NaN. */
    double[] logProbs(int[] ids) {
        int t = ids.length;
        int d = a.hiddenSize();
        double[][] x = new double[t][d];
        float[] emb = w.get("model.embed_tokens.weight");
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = emb[ids[i] * d + j];
            }
        }
        for (int l = 0; l < a.layers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] h = rmsNorm(x, w.get(p + "input_layernorm.weight"));
            double[][] attn = attention(h, p);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] += attn[i][j];
                }
            }
            h = rmsNorm(x, w.get(p + "post_attention_layernorm.weight"));
            double[][] gate = matvec(h, w.get(p + "mlp.gate_proj.weight"), a.intermediateSize());
            double[][] up = matvec(h, w.get(p + "mlp.up_proj.weight"), a.intermediateSize());
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < a.intermediateSize(); j++) {
                    double g = gate[i][j];
                    gate[i][j] = g / (1 + Math.exp(-g)) * up[i][j];
                }
            }
            double[][] down = matvec(gate, w.get(p + "mlp.down_proj.weight"), d);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] += down[i][j];
                }
            }
        }
        double[][] logits = matvec(rmsNorm(x, w.get("model.norm.weight")), w.get("lm_head.weight"), a.vocabSize());
        double[] out = new double[t];
        out[0] = Double.NaN;
        for (int i = 1; i < t; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[i - 1]) {
                max = Math.max(max, v);
            }
            double z = 0;
            for (double v : logits[i - 1]) {
                z += Math.exp(v - max);
            }
            out[i] = logits[i - 1][ids[i]] - max - Math.log(z);
        }
        return out;
    }

    private double[][] attention(double[][] h, String p) {
        int t = h.length;
        int hd = a.headDim();
        int heads = a.heads();
        int kvHeads = a.kvHeads();
        double[][] q = matvec(h, w.get(p + "self_attn.q_proj.weight"), heads * hd);
        double[][] k = matvec(h, w.get(p + "self_attn.k_proj.weight"), kvHeads * hd);
        double[][] v = matvec(h, w.get(p + "self_attn.v_proj.weight"), kvHeads * hd);
        for (int i = 0; i < t; i++) {
            rope(q[i], heads, i);
            rope(k[i], kvHeads, i);
        }
        double[][] mixed = new double[t][heads * hd];
        for (int head = 0; head < heads; head++) {
            int kvHead = head / (heads / kvHeads); // repeat_kv: query head h reads kv head h / n_rep
            for (int i = 0; i < t; i++) {
                double[] s = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int c = 0; c < hd; c++) {
                        dot += q[i][head * hd + c] * k[j][kvHead * hd + c];
                    }
                    s[j] = dot / Math.sqrt(hd);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j <= i; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j <= i; j++) {
                    for (int c = 0; c < hd; c++) {
                        mixed[i][head * hd + c] += s[j] / z * v[j][kvHead * hd + c];
                    }
                }
            }
        }
        return matvec(mixed, w.get(p + "self_attn.o_proj.weight"), a.hiddenSize());
    }

    private void rope(double[] vec, int heads, int pos) {
        int hd = a.headDim();
        int half = hd / 2;
        for (int head = 0; head < heads; head++) {
            int o = head * hd;
            for (int i = 0; i < half; i++) {
                double angle = inverseFrequencies != null
                        ? pos * inverseFrequencies[i]
                        : pos / Math.pow(a.ropeTheta(), (2.0 * i) / hd);
                double x1 = vec[o + i];
                double x2 = vec[o + half + i];
                vec[o + i] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
                vec[o + half + i] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
            }
        }
    }

    private double[][] rmsNorm(double[][] x, float[] gain) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double ms = 0;
            for (double v : x[i]) {
                ms += v * v;
            }
            double r = 1 / Math.sqrt(ms / x[i].length + a.rmsEps());
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j] * r * gain[j];
            }
        }
        return out;
    }

    /** x [t, in] times W^T where W is stored [out, in] row-major, as torch.nn.Linear. */
    private static double[][] matvec(double[][] x, float[] weight, int outDim) {
        int in = x[0].length;
        double[][] y = new double[x.length][outDim];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < outDim; o++) {
                double s = 0;
                for (int c = 0; c < in; c++) {
                    s += x[i][c] * weight[o * in + c];
                }
                y[i][o] = s;
            }
        }
        return y;
    }
}
