package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LlamaModelTest {
    private static BpeTokenizer tokenizer;
    private static LlamaModel model;

    @BeforeAll
    static void setUp() {
        tokenizer = TestCorpus.tokenizer(300);
        LlamaArchitecture arch = new LlamaArchitecture(tokenizer.vocabSize(), 64, 2, 4, 2, 172, 64, 10_000, 1e-6, 0.02);
        model = LlamaModel.initialise(arch, tokenizer, 7, Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static int[] ids(String text) {
        int[] body = tokenizer.encode(text).ids();
        int[] out = new int[body.length + 1];
        out[0] = tokenizer.bosId().getAsInt();
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    @Test
    void first_position_is_nan_and_the_rest_are_finite_negative_log_probabilities() {
        double[] lp = model.logProbs(List.of(ids("The dog sees the ball."))).get(0);
        assertTrue(Double.isNaN(lp[0]));
        for (int i = 1; i < lp.length; i++) {
            assertTrue(lp[i] < 0 && Double.isFinite(lp[i]), "lp[" + i + "] = " + lp[i]);
        }
    }

    @Test
    void an_untrained_model_is_close_to_uniform() {
        double[] lp = model.logProbs(List.of(ids("a cat eats a banana"))).get(0);
        double uniform = -Math.log(tokenizer.vocabSize());
        for (int i = 1; i < lp.length; i++) {
            assertEquals(uniform, lp[i], 0.5, "init std 0.02 gives near-uniform predictions");
        }
    }

    @Test
    void a_sequence_scores_the_same_alone_and_in_a_batch_with_longer_ones() {
        int[] shortSeq = ids("the baby holds some milk");
        int[] longer = ids("Daddy throws the red truck! The little girl finds the big book. We like a cookie.");
        int[] longest = ids(
                "My mommy pushes the blocks. You want the ball! The dog sees a cat. The baby eats a banana and some milk.");
        double[] alone = model.logProbs(List.of(shortSeq)).get(0);
        List<double[]> batch = model.logProbs(List.of(longest, shortSeq, longer));
        double[] inBatch = batch.get(1);
        assertEquals(alone.length, inBatch.length);
        for (int i = 1; i < alone.length; i++) {
            assertEquals(alone[i], inBatch[i], 1e-5, "position " + i);
        }
        assertEquals(longest.length, batch.get(0).length, "results come back in input order");
    }

    @Test
    void sequences_that_share_prefixes_get_the_log_probs_of_a_plain_causal_forward_pass() {
        // Minimal pairs, a duplicate, a prefix of another sequence, a lone BOS and enough sentences
        // to fill several prefix-tree rows: every one must score as the plain causal forward pass does.
        java.util.List<int[]> seqs = new java.util.ArrayList<>();
        String[] subjects = {"the dog", "the baby", "a cat", "my mommy", "the little girl", "daddy"};
        String[] verbs = {"sees", "holds", "throws", "finds"};
        for (String subject : subjects) {
            for (String verb : verbs) {
                seqs.add(ids(subject + " " + verb + " the red ball"));
                seqs.add(ids(subject + " " + verb + " a red balls"));
            }
        }
        seqs.add(ids("the dog sees the red ball"));
        seqs.add(ids("the dog sees"));
        seqs.add(new int[] {tokenizer.bosId().getAsInt()});
        assertTrue(
                PrefixTreeRows.of(seqs, LlamaModel.SCORE_ROW_TOKENS).rows().size() > 1,
                "the sentences fill several rows");
        List<double[]> together = model.logProbs(seqs);
        for (int s = 0; s < seqs.size(); s++) {
            double[] want = causalForward(seqs.get(s));
            double[] got = together.get(s);
            assertEquals(want.length, got.length);
            assertTrue(Double.isNaN(got[0]));
            for (int i = 1; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5, "sequence " + s + " position " + i);
            }
        }
    }

    /** Log-probs from {@link LlamaModel#logits(ai.djl.ndarray.NDManager, ai.djl.ndarray.NDArray)}: full log-softmax, causal mask. */
    private static double[] causalForward(int[] s) {
        long[] ids = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            ids[i] = s[i];
        }
        try (ai.djl.ndarray.NDManager m = model.manager().newSubManager()) {
            ai.djl.ndarray.NDArray lsm = model.logits(m, m.create(ids, new ai.djl.ndarray.types.Shape(1, s.length)))
                    .logSoftmax(-1);
            double[] out = new double[s.length];
            out[0] = Double.NaN;
            for (int i = 1; i < s.length; i++) {
                out[i] = lsm.getFloat(0, i - 1, s[i]);
            }
            return out;
        }
    }

    @Test
    void scoring_sets_pytorch_threads_to_the_followed_share_before_each_batch() {
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        java.util.concurrent.atomic.AtomicInteger share = new java.util.concurrent.atomic.AtomicInteger(1);
        try {
            model.followThreads(share::get);
            model.logProbs(List.of(ids("the dog sees the ball")));
            assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads());
            share.set(3);
            model.logProbs(List.of(ids("the dog sees the ball")));
            assertEquals(
                    3, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "a share that grew is applied at the next call");
        } finally {
            model.followThreads(null);
            ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
        }
    }

    @Test
    void prefix_scores_do_not_depend_on_later_tokens() {
        int[] a = ids("the dog sees the ball");
        int[] b = ids("the dog sees the ball and a cat eats a cookie");
        double[] la = model.logProbs(List.of(a)).get(0);
        double[] lb = model.logProbs(List.of(b)).get(0);
        for (int i = 1; i < a.length; i++) {
            assertEquals(la[i], lb[i], 1e-5, "causal masking at position " + i);
        }
    }

    @Test
    void bad_sequences_are_rejected_with_their_index() {
        var empty = assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(ids("x"), new int[0])));
        assertTrue(empty.getMessage().contains("sequence 1"), empty.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(new int[] {1, 100_000})));
        assertTrue(range.getMessage().contains("100000"), range.getMessage());
        var tooLong = assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(new int[65])));
        assertTrue(tooLong.getMessage().contains("64"), tooLong.getMessage());
    }

    @Test
    void initialisation_is_deterministic_in_the_seed() {
        LlamaArchitecture arch = model.architecture();
        try (LlamaModel a = LlamaModel.initialise(arch, tokenizer, 3, Device.cpu());
                LlamaModel b = LlamaModel.initialise(arch, tokenizer, 3, Device.cpu())) {
            assertEquals(
                    a.logProbs(List.of(ids("a cat"))).get(0)[2],
                    b.logProbs(List.of(ids("a cat"))).get(0)[2]);
        }
    }
}
