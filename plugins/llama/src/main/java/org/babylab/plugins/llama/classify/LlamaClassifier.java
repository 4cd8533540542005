package org.babylab.plugins.llama.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.babylab.api.model.ClassifierConfig;
import org.babylab.api.model.SequenceClassifier;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.train.AdamW;
import org.babylab.plugins.llama.train.Autograd;
import org.babylab.plugins.llama.train.GradientStep;
import org.babylab.plugins.llama.train.TrainingCheckpoint;

/**
 * The BabyLM pipeline's classifier on a LLaMA: the pooled final hidden state (after the final
 * RMSNorm) goes through {@code LayerNorm (no affine) -> Linear(d, d) -> GELU -> LayerNorm (no
 * affine) -> Dropout -> Linear(d, classes)}; the head's linear layers are initialised like
 * {@code torch.nn.Linear} (uniform in {@code ±1/sqrt(d)}) from the config's seed. The whole model is
 * fine-tuned with {@link AdamW} (decay on every parameter, as {@code torch.optim.AdamW(model.parameters())}),
 * without gradient clipping. Owns the model copy it trains.
 */
public final class LlamaClassifier implements SequenceClassifier {
    static final String DENSE_W = "classifier.dense.weight";
    static final String DENSE_B = "classifier.dense.bias";
    static final String OUT_W = "classifier.out_proj.weight";
    static final String OUT_B = "classifier.out_proj.bias";
    static final String HEAD_FILE = "classifier-head.bin";
    private static final int MAGIC = 0x474c5545;
    /** Sequences per forward pass when computing logits. */
    private static final int EVAL_BATCH = 64;

    private final LlamaModel model;
    private final ClassifierConfig config;
    private final Map<String, NDArray> head = new LinkedHashMap<>();
    private final Map<String, NDArray> all = new LinkedHashMap<>();
    private final AdamW adam;
    private final int padId;
    private long computedTokens;

    /** Takes ownership of {@code model} (a copy made for this classifier). */
    public LlamaClassifier(LlamaModel model, ClassifierConfig config) {
        this.model = model;
        this.config = config;
        int d = model.architecture().hiddenSize();
        SplittableRandom r = new SplittableRandom(config.seed());
        head.put(DENSE_W, uniform(r, new Shape(d, d), d));
        head.put(DENSE_B, uniform(r, new Shape(d), d));
        head.put(OUT_W, uniform(r, new Shape(config.classes(), d), d));
        head.put(OUT_B, uniform(r, new Shape(config.classes()), d));
        all.putAll(model.parameters());
        all.putAll(head);
        all.values().forEach(p -> p.setRequiresGradient(true));
        this.adam = new AdamW(
                model.manager(), all, Set.of(), config.beta1(), config.beta2(), config.adamEps(), config.weightDecay());
        this.padId = model.tokenizer().padId().orElse(0);
    }

    private NDArray uniform(SplittableRandom r, Shape shape, int fanIn) {
        double bound = 1 / Math.sqrt(fanIn);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        return model.manager().create(FloatBuffer.wrap(v), shape);
    }

    /** The config this classifier was built with. */
    public ClassifierConfig config() {
        return config;
    }

    /** Tokens (padding included) run through the model so far; for the benchmark. */
    public long computedTokens() {
        return computedTokens;
    }

    /** The head's parameters by name, for tests. */
    Map<String, NDArray> head() {
        return head;
    }

    /** The model being fine-tuned. */
    public LlamaModel model() {
        return model;
    }

    /**
     * Class logits {@code [N, classes]} of {@code seqs}, attached to {@code sm}; {@code dropMask}
     * (null: none) is multiplied in before the last linear layer.
     */
    NDArray forward(NDManager sm, List<int[]> seqs, float[] dropMask) {
        ClassifierRows b = ClassifierRows.build(seqs, config.packed(), config.pooling(), padId);
        computedTokens += b.computedTokens();
        Shape bt = new Shape(b.rows(), b.length());
        NDArray ids = sm.create(b.ids(), bt);
        NDArray pos = sm.create(b.positions(), bt);
        NDArray mask = sm.create(FloatBuffer.wrap(b.mask()), new Shape(b.rows(), b.length(), b.length()));
        NDArray hidden = model.hidden(sm, ids, pos, mask);
        int d = model.architecture().hiddenSize();
        NDArray flat = hidden.reshape(b.computedTokens(), d);
        NDArray pool = sm.create(FloatBuffer.wrap(b.pool()), new Shape(b.sequences(), b.computedTokens()));
        return headLogits(sm, pool.matMul(flat), dropMask);
    }

    /** The head on pooled states {@code [N, d]}. */
    NDArray headLogits(NDManager sm, NDArray pooled, float[] dropMask) {
        NDArray eps = sm.create((float) config.layerNormEps());
        NDArray x = layerNorm(pooled, eps);
        x = linear(x, head.get(DENSE_W), head.get(DENSE_B));
        x = x.getNDArrayInternal().gelu();
        x = layerNorm(x, eps);
        if (dropMask != null) {
            x = x.mul(sm.create(FloatBuffer.wrap(dropMask), x.getShape()));
        }
        return linear(x, head.get(OUT_W), head.get(OUT_B));
    }

    private static NDArray layerNorm(NDArray x, NDArray eps) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray var = centred.square().mean(new int[] {-1}, true);
        return centred.div(var.add(eps).sqrt());
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    /** The dropout mask of the step about to be taken: kept units scaled by 1/(1-p), from seed and step only. */
    float[] dropMask(int n) {
        int d = model.architecture().hiddenSize();
        float[] m = new float[n * d];
        double p = config.dropout();
        if (p == 0) {
            Arrays.fill(m, 1f);
            return m;
        }
        SplittableRandom r = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + adam.steps());
        float keep = (float) (1 / (1 - p));
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble() < p ? 0f : keep;
        }
        return m;
    }

    @Override
    public double trainStep(List<int[]> sequences, int[] labels, double lr) {
        validate(sequences);
        if (labels.length != sequences.size()) {
            throw new IllegalArgumentException(sequences.size() + " sequences but " + labels.length + " labels");
        }
        long[] lab = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= config.classes()) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " of sequence " + i + " is outside [0, " + config.classes() + ")");
            }
            lab[i] = labels[i];
        }
        float[] drop = config.dropout() > 0 ? dropMask(sequences.size()) : null;
        try (Autograd.Scope noGrad = Autograd.noGrad();
                NDScope scope = new NDScope();
                NDManager sm = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            double loss = GradientStep.backward(
                    sm,
                    List.of(m -> {
                        NDArray logits = forward(m, sequences, drop);
                        NDArray target = m.create(lab, new Shape(lab.length, 1));
                        return logits.logSoftmax(-1).gather(target, 1).sum().neg();
                    }),
                    sequences.size());
            GradientStep.clipAndUpdate(
                    sm, all, adam, 0, lr); // the pipeline's fine-tuning does not clip (docs/evaluation.md)
            return loss;
        }
    }

    @Override
    public List<double[]> logits(List<int[]> sequences) {
        validate(sequences);
        Integer[] order = new Integer[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sequences.get(i).length));
        double[][] out = new double[sequences.size()][];
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int from = 0; from < order.length; from += EVAL_BATCH) {
                int to = Math.min(order.length, from + EVAL_BATCH);
                List<int[]> part = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    part.add(sequences.get(order[i]));
                }
                try (NDScope scope = new NDScope();
                        NDManager sm = model.manager().newSubManager()) {
                    scope.suppressNotUsedWarning();
                    float[] flat = forward(sm, part, null).toFloatArray();
                    int c = config.classes();
                    for (int i = from; i < to; i++) {
                        double[] row = new double[c];
                        for (int k = 0; k < c; k++) {
                            row[k] = flat[(i - from) * c + k];
                        }
                        out[order[i]] = row;
                    }
                }
            }
        }
        return Arrays.asList(out);
    }

    private void validate(List<int[]> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to classify");
        }
        int vocab = model.architecture().vocabSize();
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            if (s == null || s.length == 0 || s.length > model.maxSequenceLength()) {
                throw new IllegalArgumentException("sequence " + i + " has " + (s == null ? 0 : s.length)
                        + " tokens; it needs 1 to " + model.maxSequenceLength());
            }
            for (int t : s) {
                if (t < 0 || t >= vocab) {
                    throw new IllegalArgumentException(
                            "sequence " + i + " holds id " + t + ", outside [0, " + vocab + ")");
                }
            }
        }
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public void save(Path dir) throws IOException {
        TrainingCheckpoint.write(
                dir, model, adam, new TrainingCheckpoint.State(adam.steps(), config.seed(), fingerprint(), Double.NaN));
        Path file = dir.resolve(HEAD_FILE);
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            o.writeInt(MAGIC);
            o.writeLong(adam.steps());
            for (NDArray a : head.values()) {
                float[] v = a.toFloatArray();
                o.writeInt(v.length);
                for (float f : v) {
                    o.writeFloat(f);
                }
            }
        }
    }

    @Override
    public void restore(Path dir) throws IOException {
        TrainingCheckpoint.State s = TrainingCheckpoint.restore(dir, model, adam, config.seed(), fingerprint());
        if (s == null) {
            throw new IOException(
                    "no classifier checkpoint in " + dir + " (expected " + TrainingCheckpoint.FILE_NAME + ")");
        }
        Path file = dir.resolve(HEAD_FILE);
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readLong() != s.step()) {
                throw new IOException(
                        "classifier head " + file + " does not belong to the checkpoint of step " + s.step());
            }
            for (Map.Entry<String, NDArray> e : head.entrySet()) {
                int n = in.readInt();
                if (n != e.getValue().getShape().size()) {
                    throw new IOException("classifier head " + file + ": " + e.getKey() + " has " + n
                            + " values, expected " + e.getValue().getShape());
                }
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readFloat();
                }
                e.getValue().set(FloatBuffer.wrap(v));
            }
        }
    }

    /** Ties a checkpoint to the head's shape and pooling, so a changed config is not resumed from it. */
    private String fingerprint() {
        return "classifier:" + config.classes() + ":" + config.pooling().id() + ":" + config.packed();
    }

    @Override
    public void saveModel(Path dir) throws IOException {
        model.save(dir);
    }

    @Override
    public void close() {
        adam.close();
        model.close();
    }
}
