package org.babylab.plugins.llama.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.model.ClassifierConfig;
import org.babylab.api.model.Pooling;
import org.babylab.api.model.SequenceClassifier;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.train.Autograd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlamaClassifierTest {
    private static BpeTokenizer tokenizer;
    private static LlamaModel model;

    @BeforeAll
    static void setUp() {
        tokenizer = TestCorpus.tokenizer(300);
        LlamaArchitecture arch = new LlamaArchitecture(tokenizer.vocabSize(), 32, 2, 4, 2, 64, 300, 10_000, 1e-6, 0.02);
        model = LlamaModel.initialise(arch, tokenizer, 7, Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static List<int[]> sentences() {
        List<int[]> out = new ArrayList<>();
        for (String s : new String[] {
            "The dog sees the ball.",
            "a cat",
            "Daddy throws the red truck! The little girl finds the big book.",
            "we like a cookie",
            "milk"
        }) {
            out.add(tokenizer.encode(s).ids());
        }
        return out;
    }

    private static ClassifierConfig config(Pooling pooling, boolean packed) {
        return new ClassifierConfig(3, pooling, 0.1, 1e-5, 0.01, 0.9, 0.999, 1e-8, 42, packed);
    }

    /** Hidden states of one sequence alone, [T][d], from the plain causal forward pass. */
    private static float[][] hiddenAlone(int[] s) {
        int d = model.architecture().hiddenSize();
        try (NDManager m = model.manager().newSubManager();
                Autograd.Scope g = Autograd.noGrad()) {
            long[] ids = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                ids[i] = s[i];
            }
            float[] flat =
                    model.hidden(m, m.create(ids, new Shape(1, s.length))).toFloatArray();
            float[][] out = new float[s.length][d];
            for (int t = 0; t < s.length; t++) {
                System.arraycopy(flat, t * d, out[t], 0, d);
            }
            return out;
        }
    }

    private static double[] layerNorm(double[] x, double eps) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean) / Math.sqrt(var + eps);
        }
        return out;
    }

    private static double[] linear(double[] x, float[] w, float[] b) {
        double[] out = new double[b.length];
        for (int o = 0; o < b.length; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) {
                s += w[o * x.length + i] * x[i];
            }
            out[o] = s;
        }
        return out;
    }

    private static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Taylor series (exact to ~1e-15 for the |x| < 3 seen here). */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** The head computed by hand, in doubles, from the pooled state. */
    private static double[] naiveLogits(LlamaClassifier c, double[] pooled) {
        float[] w1 = c.head().get(LlamaClassifier.DENSE_W).toFloatArray();
        float[] b1 = c.head().get(LlamaClassifier.DENSE_B).toFloatArray();
        float[] w2 = c.head().get(LlamaClassifier.OUT_W).toFloatArray();
        float[] b2 = c.head().get(LlamaClassifier.OUT_B).toFloatArray();
        double[] x = linear(layerNorm(pooled, 1e-5), w1, b1);
        for (int i = 0; i < x.length; i++) {
            x[i] = gelu(x[i]);
        }
        return linear(layerNorm(x, 1e-5), w2, b2);
    }

    @ParameterizedTest(name = "{0} pooling, packed={1}")
    @CsvSource({"LAST,true", "LAST,false", "FIRST,true", "FIRST,false", "MEAN,true", "MEAN,false"})
    void head_on_pooled_states_matches_a_naive_computation(Pooling pooling, boolean packed) {
        List<int[]> seqs = sentences();
        try (LlamaClassifier c = (LlamaClassifier) model.classifier(config(pooling, packed))) {
            List<double[]> got = c.logits(seqs);
            for (int k = 0; k < seqs.size(); k++) {
                float[][] h = hiddenAlone(seqs.get(k));
                int d = h[0].length;
                double[] pooled = new double[d];
                for (int t = 0; t < h.length; t++) {
                    boolean take = switch (pooling) {
                        case LAST -> t == h.length - 1;
                        case FIRST -> t == 0;
                        case MEAN -> true;
                    };
                    for (int i = 0; i < d && take; i++) {
                        pooled[i] += pooling == Pooling.MEAN ? h[t][i] / (double) h.length : h[t][i];
                    }
                }
                assertArrayEquals(naiveLogits(c, pooled), got.get(k), 2e-4, "sequence " + k);
            }
        }
    }

    @Test
    void the_evaluated_model_is_not_changed_by_fine_tuning() {
        float[] before = model.parameterValues("model.embed_tokens.weight");
        try (SequenceClassifier c = model.classifier(config(Pooling.LAST, true))) {
            c.trainStep(sentences(), new int[] {0, 1, 2, 0, 1}, 1e-3);
        }
        assertArrayEquals(before, model.parameterValues("model.embed_tokens.weight"));
    }

    @Test
    void training_lowers_the_loss_on_a_fixed_batch() {
        try (SequenceClassifier c = model.classifier(config(Pooling.LAST, true))) {
            int[] labels = {0, 1, 2, 0, 1};
            double first = c.trainStep(sentences(), labels, 1e-3);
            double last = first;
            for (int i = 0; i < 30; i++) {
                last = c.trainStep(sentences(), labels, 1e-3);
            }
            assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
        }
    }

    @Test
    void a_restored_classifier_continues_exactly_as_the_uninterrupted_one(@TempDir Path dir) throws Exception {
        int[] labels = {0, 1, 2, 0, 1};
        List<int[]> seqs = sentences();
        double[] uninterrupted;
        try (SequenceClassifier c = model.classifier(config(Pooling.MEAN, true))) {
            c.trainStep(seqs, labels, 1e-3);
            Files.createDirectories(dir.resolve("ck"));
            c.save(dir.resolve("ck"));
            c.trainStep(seqs, labels, 1e-3);
            uninterrupted = c.logits(seqs).get(2);
        }
        try (SequenceClassifier c = model.classifier(config(Pooling.MEAN, true))) {
            c.restore(dir.resolve("ck"));
            assertEquals(1, c.steps());
            c.trainStep(seqs, labels, 1e-3);
            assertArrayEquals(uninterrupted, c.logits(seqs).get(2), 0.0);
        }
    }

    @Test
    void packed_rows_hold_several_sequences_that_do_not_see_each_other() {
        List<int[]> seqs = List.of(new int[] {5, 6}, new int[] {7, 8, 9}, new int[] {4});
        ClassifierRows r = ClassifierRows.build(seqs, true, Pooling.LAST, 0);
        // first-fit decreasing into rows of the longest (3): [7 8 9] and [5 6 4]
        assertEquals(2, r.rows());
        int len = r.length();
        assertEquals(3, len);
        assertEquals(0f, r.mask()[(len + 1) * len], "sequence 0's second token attends to its first");
        assertEquals(
                Float.NEGATIVE_INFINITY, r.mask()[(len + 2) * len + 1], "sequence 2 does not attend to sequence 0");
        assertEquals(0f, r.mask()[(len + 2) * len + 2], "sequence 2 attends to itself");
        assertEquals(1f, r.pool()[len + 1], "sequence 0 pools its last token, row 1 position 1");
        assertEquals(1f, r.pool()[2 * r.rows() * len + len + 2], "sequence 2 pools row 1 position 2");
        assertEquals(1f, r.pool()[r.rows() * len + 2], "sequence 1 pools row 0 position 2");
    }
}
