package org.babylab.plugins.llama.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.babylab.api.model.ClassifiableModel;
import org.babylab.api.model.ClassifierConfig;
import org.babylab.api.model.Generation;
import org.babylab.api.model.GenerationConfig;
import org.babylab.api.model.GenerativeModel;
import org.babylab.api.model.SequenceClassifier;
import org.babylab.plugins.llama.classify.LlamaClassifier;
import org.babylab.plugins.llama.hf.HfLlamaConfig;
import org.babylab.plugins.llama.hf.HfTokenizerFiles;
import org.babylab.plugins.llama.hf.HfWeights;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;

/**
 * A LLaMA decoder whose forward pass is written on DJL NDArrays over parameters this class owns,
 * stored under their Hugging Face names, so saving and loading are plain tensor copies.
 *
 * <p>Rotary embeddings use Hugging Face's "rotate half" layout (the first and second halves of a
 * head are the two rotary coordinates), the layout of {@code q_proj}/{@code k_proj} in every
 * published {@code LlamaForCausalLM} checkpoint; weights therefore load and save without the
 * permutation that Meta's original interleaved layout would need.
 *
 * <p>Generation ({@link #generate}) keeps a key/value cache, so each new token costs one
 * single-token forward pass ({@link LlamaGenerator}).
 *
 * <p>Not thread-safe: score, generate or train from one thread at a time. {@link #close()} frees the native
 * memory of the parameters.
 */
public final class LlamaModel implements GenerativeModel, ClassifiableModel {
    /** The weights file inside a saved model directory. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    private final LlamaArchitecture arch;
    private final BpeTokenizer tokenizer;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final NDArray ropeCos;
    private final NDArray ropeSin;
    private final RopeScaling rope;
    private final boolean tiedOnImport;
    /** The CPU threads {@link #logProbs} sets before each batch; null: leave PyTorch's setting alone. */
    private volatile java.util.function.IntSupplier scoringThreads;
    /** Weights above this size are written as shards with an index, as {@code save_pretrained} does. */
    private long maxShardBytes = HfWeights.DEFAULT_MAX_SHARD_BYTES;

    /** Supplies the initial values of one parameter. */
    @FunctionalInterface
    interface Init {
        float[] values(String name, long[] shape) throws IOException;
    }

    private LlamaModel(LlamaArchitecture arch, BpeTokenizer tokenizer, Device device, Init init) throws IOException {
        this(arch, RopeScaling.NONE, false, tokenizer, device, init);
    }

    private LlamaModel(
            LlamaArchitecture arch, RopeScaling rope, boolean tied, BpeTokenizer tokenizer, Device device, Init init)
            throws IOException {
        if (tokenizer.vocabSize() > arch.vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocab_size is " + arch.vocabSize()
                    + "; the model must have at least as many rows as the tokenizer has ids");
        }
        this.arch = arch;
        this.rope = rope;
        this.tiedOnImport = tied;
        this.tokenizer = tokenizer;
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : arch.parameterShapes().entrySet()) {
                float[] v = init.values(e.getKey(), e.getValue());
                NDArray a = manager.create(FloatBuffer.wrap(v), new Shape(e.getValue()));
                a.setName(e.getKey());
                p.put(e.getKey(), a);
            }
            this.params = Collections.unmodifiableMap(p);
            float[][] tables = RotaryTables.cosSin(arch.maxLength(), arch.headDim(), arch.ropeTheta(), rope);
            this.ropeCos = manager.create(FloatBuffer.wrap(tables[0]), new Shape(arch.maxLength(), arch.headDim()));
            this.ropeSin = manager.create(FloatBuffer.wrap(tables[1]), new Shape(arch.maxLength(), arch.headDim()));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A freshly initialised model: weight matrices drawn from N(0, initStd^2), RMSNorm gains one,
     * deterministically from {@code seed} (drawn on the host, so the same on every device).
     */
    public static LlamaModel initialise(LlamaArchitecture arch, BpeTokenizer tokenizer, long seed, Device device) {
        SplittableRandom random = new SplittableRandom(seed);
        try {
            return new LlamaModel(arch, tokenizer, device, (name, shape) -> {
                int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
                float[] v = new float[n];
                if (LlamaArchitecture.isNormWeight(name)) {
                    Arrays.fill(v, 1f);
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) (random.nextGaussian() * arch.initStd());
                    }
                }
                return v;
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads a Hugging Face {@code LlamaForCausalLM} directory: {@code config.json} (transformers v4
     * or v5), {@code model.safetensors} or shards listed by {@code model.safetensors.index.json}
     * (F32, F16 or BF16) and {@code tokenizer.json}.
     *
     * <p>With {@code tie_word_embeddings: true} the output head is the input embedding, as
     * transformers ties it, even if the file also stores an {@code lm_head.weight}. This model keeps
     * two matrices (starting equal); {@link #save} writes a tied checkpoint again while they are.
     *
     * @throws IOException naming the file and the tensor when something is missing, truncated or mis-shaped
     */
    public static LlamaModel load(Path dir, Device device) throws IOException {
        HfLlamaConfig.Parsed parsed = HfLlamaConfig.read(dir);
        BpeTokenizer tokenizer = BpeTokenizer.load(dir);
        try (HfWeights weights = HfWeights.open(dir)) {
            return new LlamaModel(
                    parsed.architecture(), parsed.rope(), parsed.tiedEmbeddings(), tokenizer, device, (name, shape) -> {
                        String source = name;
                        if (name.equals("lm_head.weight") && parsed.tiedEmbeddings()) {
                            source = "model.embed_tokens.weight";
                        }
                        if (!weights.names().contains(source)) {
                            throw new IOException("weights of " + dir + " (" + HfWeights.files(dir)
                                    + "): missing tensor '" + source + "'");
                        }
                        long[] stored = weights.shape(source);
                        if (!Arrays.equals(stored, shape)) {
                            throw new IOException("weights of " + dir + ": tensor '" + source + "' has shape "
                                    + Arrays.toString(stored) + " but config.json implies " + Arrays.toString(shape));
                        }
                        return weights.read(source).data();
                    });
        }
    }

    /** The rope scaling read from the imported config ({@link RopeScaling#NONE} for models trained here). */
    public RopeScaling ropeScaling() {
        return rope;
    }

    @Override
    public BpeTokenizer tokenizer() {
        return tokenizer;
    }

    /** The architecture. */
    public LlamaArchitecture architecture() {
        return arch;
    }

    /** The parameters by Hugging Face name, in {@link LlamaArchitecture#parameterShapes()} order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** The manager owning the parameters; sub-managers of it live on the model's device. */
    public NDManager manager() {
        return manager;
    }

    /** The device the parameters live on. */
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public int maxSequenceLength() {
        return arch.maxLength();
    }

    /** Widest row of prefix-tree-packed sequences in {@link #logProbs}, unless a sequence is longer. */
    static final int SCORE_ROW_TOKENS = 64;

    /** Keeps the logits of one call near 256 MB of fp32. */
    @Override
    public int preferredBatchTokens() {
        return Math.max(256, Math.min(8192, (64 << 20) / arch.vocabSize()));
    }

    /**
     * Logits {@code [B, T, vocab]} for int64 token ids {@code [B, T]}. Every array created here is
     * attached to {@code m} (the caller's per-step manager), never to the model's manager, so closing
     * {@code m} frees them; scalars are tensors of {@code m} rather than Java numbers because
     * PyTorch's autograd keeps a reference to them until backward.
     */
    public NDArray logits(NDManager m, NDArray ids) {
        int t = (int) ids.getShape().get(1);
        NDArray cos = ropeCos.get(m, new NDIndex("0:" + t));
        NDArray sin = ropeSin.get(m, new NDIndex("0:" + t));
        return forward(m, ids, cos, sin, causalMask(m, t), null);
    }

    /**
     * Logits {@code [B, T, vocab]} of packed rows, each holding several examples that must not see
     * each other (see {@link org.babylab.api.chat.PackedSequence}): {@code positions} ({@code [B, T]}
     * int64) are every token's offset within its own example and select its rotary angles, and
     * {@code attentionMask} ({@code [B, T, T]} float) is added to the attention scores of every
     * head: 0 where query {@code i} may attend to key {@code j}, {@code -inf} elsewhere. Each row of
     * the mask must allow at least one key, or that row's softmax is undefined. Arrays are attached
     * to {@code m} as in {@link #logits(NDManager, NDArray)}, which this equals for one example per
     * row, positions {@code 0..T-1} and a causal mask.
     */
    public NDArray logits(NDManager m, NDArray ids, NDArray positions, NDArray attentionMask) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        if (!positions.getShape().equals(ids.getShape())
                || !attentionMask.getShape().equals(new Shape(b, t, t))) {
            throw new IllegalArgumentException("packed logits need positions " + ids.getShape() + " and a mask "
                    + new Shape(b, t, t) + ", got " + positions.getShape() + " and " + attentionMask.getShape());
        }
        NDArray cos = anglesAt(positions, ropeCos);
        NDArray sin = anglesAt(positions, ropeSin);
        return forward(m, ids, cos, sin, attentionMask.expandDims(1), null);
    }

    /**
     * Logits {@code [B, T, vocab]} of {@code T} new tokens per row that follow the tokens already in
     * {@code cache}, which this call extends by them: {@code positions} ({@code [B, T]} int64) select
     * the rotary angles and {@code attentionMask} ({@code [B, T, cached + T]} float, 0 or
     * {@code -inf}) says which cached and new keys each new token attends to. With an empty cache
     * this equals {@link #logits(NDManager, NDArray, NDArray, NDArray)}.
     */
    public NDArray logits(NDManager m, NDArray ids, NDArray positions, NDArray attentionMask, KvCache cache) {
        NDArray cos = anglesAt(positions, ropeCos);
        NDArray sin = anglesAt(positions, ropeSin);
        return forward(m, ids, cos, sin, attentionMask.expandDims(1), cache);
    }

    /**
     * The rotary table's rows at {@code positions} ({@code [B, T]} int64): looked up like embeddings,
     * {@code [B, T, headDim]}, with a head axis so they broadcast over heads ({@code [B, 1, T, headDim]}).
     */
    private static NDArray anglesAt(NDArray positions, NDArray table) {
        return positions
                .getNDArrayInternal()
                .embedding(positions, table, SparseFormat.DENSE)
                .singletonOrThrow()
                .expandDims(1);
    }

    /** An empty key/value cache for this model's layers; its arrays live in a sub-manager of the model's manager. */
    public KvCache newCache() {
        return new KvCache(manager.newSubManager(), arch.layers());
    }

    /**
     * The keys and values ({@code [B, kvHeads, cached, headDim]}, after rotary embedding) of every
     * layer for the tokens processed so far. Not thread-safe; close it to free its memory.
     */
    public static final class KvCache implements AutoCloseable {
        private final NDManager manager;
        private final NDArray[] keys;
        private final NDArray[] values;

        private KvCache(NDManager manager, int layers) {
            this.manager = manager;
            this.keys = new NDArray[layers];
            this.values = new NDArray[layers];
        }

        /** Tokens cached per row. */
        public long length() {
            return keys[0] == null ? 0 : keys[0].getShape().get(2);
        }

        /** Appends {@code fresh} to layer {@code layer}'s keys or values and returns the whole, kept in the cache. */
        private NDArray append(int layer, NDArray fresh, boolean key) {
            NDArray[] store = key ? keys : values;
            NDArray old = store[layer];
            NDArray all = old == null ? fresh.duplicate() : old.concat(fresh, 2);
            NDScope.unregister(all);
            all.attach(manager);
            if (old != null) {
                old.close();
            }
            store[layer] = all;
            return all;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /**
     * The decoder: {@code cos}/{@code sin} broadcast to {@code [B, H, T, headDim]}, {@code mask} to
     * {@code [B, H, T, cached + T]}; {@code cache} (null: none) supplies earlier keys and values and
     * receives these.
     */
    private NDArray forward(NDManager m, NDArray ids, NDArray cos, NDArray sin, NDArray mask, KvCache cache) {
        return forward(m, ids, cos, sin, mask, cache, false);
    }

    private NDArray forward(
            NDManager m, NDArray ids, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean hiddenOnly) {
        long b = ids.getShape().get(0);
        int t = (int) ids.getShape().get(1);
        int d = arch.hiddenSize();
        int hd = arch.headDim();
        int h = arch.heads();
        int kvh = arch.kvHeads();
        NDArray eps = m.create((float) arch.rmsEps());
        NDArray scale = m.create((float) (1.0 / Math.sqrt(hd)));

        NDArray x = ids.getNDArrayInternal()
                .embedding(ids, params.get("model.embed_tokens.weight"), SparseFormat.DENSE)
                .singletonOrThrow();
        for (int l = 0; l < arch.layers(); l++) {
            String p = "model.layers." + l + ".";
            NDArray hIn = rmsNorm(x, params.get(p + "input_layernorm.weight"), eps);
            NDArray q = linear(hIn, params.get(p + "self_attn.q_proj.weight"))
                    .reshape(b, t, h, hd)
                    .transpose(0, 2, 1, 3);
            NDArray k = linear(hIn, params.get(p + "self_attn.k_proj.weight"))
                    .reshape(b, t, kvh, hd)
                    .transpose(0, 2, 1, 3);
            NDArray v = linear(hIn, params.get(p + "self_attn.v_proj.weight"))
                    .reshape(b, t, kvh, hd)
                    .transpose(0, 2, 1, 3);
            q = rope(q, cos, sin).mul(scale);
            k = rope(k, cos, sin);
            if (cache != null) {
                k = cache.append(l, k, true);
                v = cache.append(l, v, false);
            }
            long tk = k.getShape().get(2);
            if (kvh != h) {
                k = k.expandDims(2).repeat(2, h / kvh).reshape(b, h, tk, hd);
                v = v.expandDims(2).repeat(2, h / kvh).reshape(b, h, tk, hd);
            }
            // In-place mask: matmul's backward needs its inputs, not its output, so this saves a [B,H,T,T] copy.
            NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).addi(mask).softmax(-1);
            NDArray mixed = attn.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
            x = x.add(linear(mixed, params.get(p + "self_attn.o_proj.weight")));
            NDArray hPost = rmsNorm(x, params.get(p + "post_attention_layernorm.weight"), eps);
            NDArray gate = linear(hPost, params.get(p + "mlp.gate_proj.weight"));
            NDArray up = linear(hPost, params.get(p + "mlp.up_proj.weight"));
            NDArray act = gate.mul(gate.getNDArrayInternal().sigmoid()).mul(up);
            x = x.add(linear(act, params.get(p + "mlp.down_proj.weight")));
        }
        x = rmsNorm(x, params.get("model.norm.weight"), eps);
        return hiddenOnly ? x : linear(x, params.get("lm_head.weight"));
    }

    /**
     * The last hidden state {@code [B, T, hidden]} (after the final RMSNorm, what Hugging Face
     * returns as {@code hidden_states[-1]}) of causal int64 ids {@code [B, T]}; {@link #head}
     * turns it into {@link #logits(NDManager, NDArray)}. Arrays are attached as there.
     */
    public NDArray hidden(NDManager m, NDArray ids) {
        int t = (int) ids.getShape().get(1);
        NDArray cos = ropeCos.get(m, new NDIndex("0:" + t));
        NDArray sin = ropeSin.get(m, new NDIndex("0:" + t));
        return forward(m, ids, cos, sin, causalMask(m, t), null, true);
    }

    /**
     * The last hidden state {@code [B, T, hidden]} of packed rows: positions and attention mask as
     * in {@link #logits(NDManager, NDArray, NDArray, NDArray)}.
     */
    public NDArray hidden(NDManager m, NDArray ids, NDArray positions, NDArray attentionMask) {
        NDArray cos = anglesAt(positions, ropeCos);
        NDArray sin = anglesAt(positions, ropeSin);
        return forward(m, ids, cos, sin, attentionMask.expandDims(1), null, true);
    }

    @Override
    public int hiddenSize() {
        return arch.hiddenSize();
    }

    /** The pipeline's classifier head on a copy of this model ({@link LlamaClassifier}). */
    @Override
    public SequenceClassifier classifier(ClassifierConfig config) {
        return new LlamaClassifier(copy(), config);
    }

    /** The output projection: logits of a {@link #hidden} state. */
    public NDArray head(NDArray hidden) {
        return linear(hidden, params.get("lm_head.weight"));
    }

    /** A new model with this one's architecture, tokenizer and current weights, on the same device (e.g. a frozen reference). */
    public LlamaModel copy() {
        try {
            return new LlamaModel(arch, tokenizer, device(), (name, shape) -> parameterValues(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NDArray linear(NDArray x, NDArray weight) {
        return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
    }

    private static NDArray rmsNorm(NDArray x, NDArray weight, NDArray eps) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return x.div(rms).mul(weight);
    }

    /** Hugging Face's rotary embedding: x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1]. */
    private static NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    private static NDArray causalMask(NDManager m, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            Arrays.fill(mask, i * t + i + 1, (i + 1) * t, Float.NEGATIVE_INFINITY);
        }
        return m.create(FloatBuffer.wrap(mask), new Shape(t, t));
    }

    /**
     * Per-token log-probabilities, each shared token read once. The sequences are merged into prefix
     * trees ({@link PrefixTreeRows}: rows of at most {@link #SCORE_ROW_TOKENS} tokens, or the longest
     * sequence when it is longer), so a prefix common to several sequences (the two sentences of a
     * minimal pair up to where they differ, a shared BOS and opening words, a prompt scored with
     * several replies) is computed once; each node attends to its ancestors only, so every sequence
     * gets the log-probs it would get alone. Rows are read in batches of about
     * {@link #preferredBatchTokens()} tokens counting padding. The output head runs only on the
     * positions that predict a token (never on padding or a sequence's last token), and only the
     * target tokens' log-probs are copied to the host.
     */
    @Override
    public List<double[]> logProbs(List<int[]> sequences) {
        int longest = 1;
        for (int i = 0; i < sequences.size(); i++) {
            validate(i, sequences.get(i));
            longest = Math.max(longest, sequences.get(i).length);
        }
        PrefixTreeRows packed = PrefixTreeRows.of(sequences, Math.max(SCORE_ROW_TOKENS, longest));
        List<PrefixTreeRows.Row> rows = packed.rows();
        float[][] nodeLogProbs = new float[rows.size()][];
        int budget = preferredBatchTokens();
        int start = 0;
        while (start < rows.size()) {
            int width = rows.get(start).inputs();
            int end = start + 1;
            while (end < rows.size()
                    && (long) (end - start + 1) * Math.max(width, rows.get(end).inputs()) <= budget) {
                width = Math.max(width, rows.get(end).inputs());
                end++;
            }
            applyScoringThreads();
            List<float[]> scored = scoreRows(rows.subList(start, end), width);
            for (int r = start; r < end; r++) {
                nodeLogProbs[r] = scored.get(r - start);
            }
            start = end;
        }
        List<double[]> out = new ArrayList<>(sequences.size());
        for (int s = 0; s < sequences.size(); s++) {
            float[] lp = nodeLogProbs[packed.rowOf(s)];
            int[] nodes = packed.nodesOf(s);
            double[] r = new double[nodes.length];
            r[0] = Double.NaN;
            for (int j = 1; j < nodes.length; j++) {
                r[j] = lp[nodes[j]];
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Makes {@link #logProbs} set PyTorch's intra-op threads (for the calling thread) to
     * {@code threads}' value before each batch, when it changed: the loading step's live CPU share
     * ({@link org.babylab.api.step.LoadContext#cpuThreadsNow()}), so scoring widens to every core
     * when the step is alone and narrows when others start. Null stops following.
     */
    public void followThreads(java.util.function.IntSupplier threads) {
        this.scoringThreads = threads;
    }

    private void applyScoringThreads() {
        java.util.function.IntSupplier threads = scoringThreads;
        if (threads != null && !manager.getDevice().isGpu()) {
            int n = Math.max(1, threads.getAsInt());
            if (n != ai.djl.pytorch.jni.JniUtils.getNumThreads()) {
                ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
            }
        }
    }

    private void validate(int index, int[] s) {
        if (s == null || s.length == 0) {
            throw new IllegalArgumentException(
                    "sequence " + index + " is empty; every sequence needs at least one token");
        }
        if (s.length > arch.maxLength()) {
            throw new IllegalArgumentException(
                    "sequence " + index + " has " + s.length + " tokens, more than max_length " + arch.maxLength());
        }
        for (int j = 0; j < s.length; j++) {
            if (s[j] < 0 || s[j] >= arch.vocabSize()) {
                throw new IllegalArgumentException("sequence " + index + " token " + j + " is id " + s[j]
                        + ", outside [0, " + arch.vocabSize() + ")");
            }
        }
    }

    /**
     * Reads the inputs of rows right-padded to {@code t} tokens in one forward pass; per row, the
     * log-prob of each node given its ancestors (index = node; roots are not scored and stay 0).
     */
    private List<float[]> scoreRows(List<PrefixTreeRows.Row> rows, int t) {
        int b = rows.size();
        long[] ids = new long[b * t];
        long[] positions = new long[b * t];
        float[] mask = new float[b * t * t];
        Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        // Flat [b*t] index of every node that predicts at least one child (its hidden state goes
        // through the head), and for every scored node the flat [predictors*vocab] index of its token.
        int[] predictorOrdinal = new int[b * t];
        Arrays.fill(predictorOrdinal, -1);
        long[] predictors = new long[b * t];
        int predictorCount = 0;
        int scored = 0;
        for (int r = 0; r < b; r++) {
            PrefixTreeRows.Row row = rows.get(r);
            for (int i = 0; i < t; i++) {
                int base = (r * t + i) * t;
                if (i >= row.inputs()) {
                    mask[base + i] = 0f; // padding attends to itself only, so its softmax stays defined
                    continue;
                }
                ids[r * t + i] = row.tokens()[i];
                positions[r * t + i] = row.depths()[i];
                for (int j = i; j >= 0; j = row.parents()[j]) {
                    mask[base + j] = 0f;
                }
            }
            // Every node with a parent is predicted from it, leaves included (they are not read).
            for (int i = 0; i < row.size(); i++) {
                int parent = row.parents()[i];
                if (parent >= 0) {
                    scored++;
                    if (predictorOrdinal[r * t + parent] < 0) {
                        predictorOrdinal[r * t + parent] = predictorCount;
                        predictors[predictorCount++] = r * t + parent;
                    }
                }
            }
        }
        List<float[]> result = new ArrayList<>(b);
        for (PrefixTreeRows.Row row : rows) {
            result.add(new float[row.size()]);
        }
        if (scored == 0) {
            return result; // only single-token sequences: nothing to predict
        }
        long vocab = arch.vocabSize();
        long[] targets = new long[scored];
        int k = 0;
        for (int r = 0; r < b; r++) {
            PrefixTreeRows.Row row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                int parent = row.parents()[i];
                if (parent >= 0) {
                    targets[k++] = predictorOrdinal[r * t + parent] * vocab + row.tokens()[i];
                }
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray hidden = hidden(
                    m,
                    m.create(ids, new Shape(b, t)),
                    m.create(positions, new Shape(b, t)),
                    m.create(FloatBuffer.wrap(mask), new Shape(b, t, t)));
            NDArray used = hidden.reshape(b * (long) t, arch.hiddenSize())
                    .get(m.create(Arrays.copyOf(predictors, predictorCount)));
            NDArray lp = head(used).logSoftmax(-1).reshape(-1).take(m.create(targets));
            float[] flat = lp.toType(DataType.FLOAT32, false).toFloatArray();
            k = 0;
            for (int r = 0; r < b; r++) {
                PrefixTreeRows.Row row = rows.get(r);
                float[] out = result.get(r);
                for (int i = 0; i < row.size(); i++) {
                    if (row.parents()[i] >= 0) {
                        out[i] = flat[k++];
                    }
                }
            }
        }
        return result;
    }

    /** Continues the prompts with the key/value cache: one single-token forward pass per new token. */
    @Override
    public List<Generation> generate(List<int[]> prompts, GenerationConfig config) {
        for (int i = 0; i < prompts.size(); i++) {
            validate(i, prompts.get(i));
        }
        return new LlamaGenerator(this, true).generate(prompts, config);
    }

    /**
     * The same continuations as {@link #generate} computed without a cache: every new token runs the
     * model over the whole prefix. For tests and the benchmark only.
     */
    public List<Generation> generateWithoutCache(List<int[]> prompts, GenerationConfig config) {
        for (int i = 0; i < prompts.size(); i++) {
            validate(i, prompts.get(i));
        }
        return new LlamaGenerator(this, false).generate(prompts, config);
    }

    /** Copies the parameter {@code name} to the host. */
    public float[] parameterValues(String name) {
        return params.get(name).toFloatArray();
    }

    /**
     * Writes the Hugging Face layout: {@code config.json}, the F32 weights ({@code model.safetensors},
     * or shards and {@code model.safetensors.index.json} above {@link HfWeights#DEFAULT_MAX_SHARD_BYTES}),
     * {@code tokenizer.json}, {@code tokenizer_config.json}, {@code special_tokens_map.json} and
     * {@code generation_config.json}. A model imported tied whose head still equals its embedding is
     * written tied ({@code tie_word_embeddings: true}, no {@code lm_head.weight}); once training has
     * made them differ it is written untied, with both.
     */
    @Override
    public void save(Path dir) throws IOException {
        boolean tied = tiedOnImport
                && Arrays.equals(parameterValues("model.embed_tokens.weight"), parameterValues("lm_head.weight"));
        Map<String, long[]> shapes = new LinkedHashMap<>(arch.parameterShapes());
        if (tied) {
            shapes.remove("lm_head.weight");
        }
        HfLlamaConfig.write(dir, arch, rope, tied, tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId());
        HfWeights.write(dir, shapes, Map.of("format", "pt"), this::parameterValues, maxShardBytes);
        tokenizer.save(dir);
        HfTokenizerFiles.write(dir, tokenizer, arch.maxLength());
    }

    /** Sets the shard size of {@link #save}; for tests of sharded checkpoints. */
    void maxShardBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("max shard size must be >= 1 byte, got " + bytes);
        }
        this.maxShardBytes = bytes;
    }

    @Override
    public void close() {
        manager.close();
    }
}
