package org.babylab.plugins.llama.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;

/** The DPO losses and implicit rewards on numbers worked out by hand, and reply-only log-probs. */
class DpoLossTest {
    // Policy: chosen -10, rejected -12; reference: both -11. logits = (-10 + 12) - (-11 + 11) = 2.
    private static final float[] PI_C = {-10f, -11f};
    private static final float[] PI_R = {-12f, -11f};
    private static final float[] REF_C = {-11f, -11f};
    private static final float[] REF_R = {-11f, -11f};

    private static float[] losses(DpoLoss loss) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = loss.losses(m, m.create(PI_C), m.create(PI_R), m.create(REF_C), m.create(REF_R));
            return out.toFloatArray();
        }
    }

    @Test
    void sigmoid_loss_is_minus_log_sigmoid_of_beta_times_the_log_ratio_difference() {
        float[] l = losses(new DpoLoss(DpoLoss.Kind.SIGMOID, 0.1, 0));
        // -log(sigmoid(0.2)) = log(1 + e^-0.2) = 0.598139; a pair the policy does not yet separate: log 2.
        assertEquals(0.598139, l[0], 1e-5);
        assertEquals(0.693147, l[1], 1e-5);
        assertEquals(0.598139, new DpoLoss(DpoLoss.Kind.SIGMOID, 0.1, 0).loss(-10, -12, -11, -11), 1e-6);
    }

    @Test
    void conservative_dpo_mixes_in_the_flipped_label_with_the_smoothing_weight() {
        float[] l = losses(new DpoLoss(DpoLoss.Kind.SIGMOID, 0.1, 0.1));
        // 0.9 * log(1 + e^-0.2) + 0.1 * log(1 + e^0.2) = 0.9 * 0.598139 + 0.1 * 0.798139 = 0.618139
        assertEquals(0.618139, l[0], 1e-5);
    }

    @Test
    void hinge_and_ipo_follow_trl() {
        assertEquals(0.8, losses(new DpoLoss(DpoLoss.Kind.HINGE, 0.1, 0))[0], 1e-6); // relu(1 - 0.1 * 2)
        assertEquals(1.0, losses(new DpoLoss(DpoLoss.Kind.HINGE, 0.1, 0))[1], 1e-6);
        assertEquals(9.0, losses(new DpoLoss(DpoLoss.Kind.IPO, 0.1, 0))[0], 1e-5); // (2 - 1/(2*0.1))^2
        assertEquals(25.0, losses(new DpoLoss(DpoLoss.Kind.IPO, 0.1, 0))[1], 1e-5);
        assertTrue(new DpoLoss(DpoLoss.Kind.IPO, 0.1, 0).averagesLogProbs());
    }

    @Test
    void label_smoothing_is_refused_for_losses_other_than_sigmoid_and_unknown_losses_name_the_valid_ones() {
        assertThrows(IllegalArgumentException.class, () -> new DpoLoss(DpoLoss.Kind.IPO, 0.1, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpoLoss.Kind.parse("kto"));
        assertTrue(e.getMessage().contains("sigmoid, hinge, ipo"), e.getMessage());
    }

    @Test
    void reply_log_probs_sum_the_reply_tokens_only_as_the_model_scores_them() {
        BpeTokenizer tok = TestCorpus.tokenizer(300);
        try (LlamaModel model = PreferenceFixtures.model(tok, 3)) {
            List<PreferencePair> pairs = PreferenceFixtures.pairs(3, 9, tok);
            List<int[]> prompts = pairs.stream().map(PreferencePair::prompt).toList();
            List<int[]> replies = pairs.stream().map(PreferencePair::chosen).toList();
            double[] batched = ReplyLogProbs.values(model, prompts, replies, false, 8);
            for (int i = 0; i < pairs.size(); i++) {
                double[] lp = model.logProbs(List.of(PreferencePair.join(prompts.get(i), replies.get(i))))
                        .get(0);
                double expected = 0;
                for (int j = prompts.get(i).length; j < lp.length; j++) {
                    expected += lp[j];
                }
                assertEquals(expected, batched[i], 1e-3, "pair " + i);
                assertEquals(expected, ReferenceLogProbs.replySum(lp, prompts.get(i).length, false), 1e-9);
            }
        }
    }
}
