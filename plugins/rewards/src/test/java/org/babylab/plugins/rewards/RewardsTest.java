package org.babylab.plugins.rewards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;
import org.babylab.api.step.Inputs;
import org.babylab.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

/** Every built-in reward on examples worked out by hand. */
class RewardsTest {
    private static RewardRequest req(String response, String... refs) {
        return new RewardRequest("*MOT: what colour are you ?", response, List.of(refs));
    }

    private static double one(Reward r, RewardRequest q) throws Exception {
        return r.score(List.of(q), null)[0];
    }

    @Test
    void the_plugin_is_well_formed() {
        PluginChecks.assertWellFormed(new RewardsPlugin());
    }

    @Test
    void bleu_1_is_the_clipped_unigram_precision_times_the_brevity_penalty() throws Exception {
        Reward bleu = new BleuReward(new BleuConfig(null, null, null));
        assertEquals(0.75, one(bleu, req("I am blue .", "I am red .")), 1e-12); // I, am, . of 4 words
        assertEquals(0.0, one(bleu, req("blue", "I am red .")), 1e-12); // no smoothing: nothing matches, 0
        assertEquals(
                Math.exp(1 - 4.0 / 2), one(bleu, req("I am", "I am red .")), 1e-12); // precision 1, BP exp(1 - 4/2)
        assertEquals(
                1.0 / 3, one(bleu, req("the the the", "the cat")), 1e-12); // 'the' clipped to its reference count 1
        assertEquals(
                1.0,
                one(bleu, req("I am red", "we go", "I am red")),
                1e-12); // best reference length (3) is the closest
        assertEquals(0.0, one(bleu, req("", "I am red .")), 1e-12);
    }

    @Test
    void bleu_2_uses_the_geometric_mean_and_add_one_smoothing_rescues_a_zero_bigram_precision() throws Exception {
        // "I am blue ." vs "I am red .": unigrams 3/4, bigrams 1/3 (only "I am").
        assertEquals(
                Math.sqrt(0.75 * (1.0 / 3)),
                one(new BleuReward(new BleuConfig(2, null, null)), req("I am blue .", "I am red .")),
                1e-12);
        assertEquals(0.0, one(new BleuReward(new BleuConfig(2, null, null)), req("blue am I", "I am red .")), 1e-12);
        // add-one: bigrams (0+1)/(2+1); unigrams 2/3 unsmoothed; BP exp(1 - 4/3).
        double expected = Math.exp(1 - 4.0 / 3) * Math.sqrt((2.0 / 3) * (1.0 / 3));
        assertEquals(
                expected,
                one(new BleuReward(new BleuConfig(2, "add-one", null)), req("blue am I", "I am red .")),
                1e-12);
    }

    @Test
    void chrf_averages_character_precision_and_recall_over_orders_and_weights_recall_by_beta() throws Exception {
        ChrfReward chrf = new ChrfReward(new ChrfConfig(2, 2.0));
        assertEquals(1.0, chrf.chrf("a b", "ab"), 1e-12); // whitespace is removed
        // orders 1: P = R = 1/2; order 2: 0; averages 1/4 each; F2 = 5 * 1/16 / (4/4 + 1/4) = 1/4
        assertEquals(0.25, chrf.chrf("ab", "ac"), 1e-12);
        // "ab" vs "abcd", order 1 only: P = 1, R = 1/2; F2 = 5 * 0.5 / (4 + 0.5)
        assertEquals(5 * 0.5 / 4.5, new ChrfReward(new ChrfConfig(1, 2.0)).chrf("ab", "abcd"), 1e-12);
        assertEquals(1.0, one(chrf, req("ab", "xy", "ab")), 1e-12); // the best reference counts
    }

    @Test
    void length_is_one_inside_the_range_and_falls_by_the_slope_outside() throws Exception {
        Reward length = new RewardsPlugin.Length().create(new LengthConfig(2, 4, 0.25), null, null);
        assertArrayEquals(
                new double[] {0.75, 1.0, 1.0, 0.25, 0.0},
                length.score(
                        List.of(req("a"), req("a b"), req("a b c d"), req("a b c d e f g"), req("a b c d e f g h i")),
                        null),
                1e-12);
    }

    @Test
    void a_reward_that_needs_references_names_what_is_missing() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> one(new BleuReward(new BleuConfig(null, null, null)), req("hi")));
        assertTrue(e.getMessage().contains("reward bleu") && e.getMessage().contains("reference"), e.getMessage());
    }

    @Test
    void lm_likelihood_is_the_mean_log_prob_of_the_response_tokens_under_the_scorer_or_else_the_policy()
            throws Exception {
        CharModel m = new CharModel();
        // Prompt "ab", response "cd": BOS a b c d; scored tokens c (id 3) and d (id 4): mean of -0.3 and -0.4.
        RewardRequest r = new RewardRequest("ab", "cd", List.of());
        assertEquals(-0.35, new LmLikelihoodReward(m, "").score(List.of(r), null)[0], 1e-12);
        assertEquals(
                -0.35, new LmLikelihoodReward(null, "").score(List.of(r), m)[0], 1e-12, "without a model: the policy");
        // A separator belongs to the context: "ab" + "c" then "d" scores d only.
        assertEquals(
                -0.4,
                new LmLikelihoodReward(m, "c").score(List.of(new RewardRequest("ab", "d", List.of())), null)[0],
                1e-12);
    }

    @Test
    void weighted_sum_adds_the_weighted_scores_of_the_rewards_it_names() throws Exception {
        Reward bleu = new BleuReward(new BleuConfig(null, null, null));
        Reward length = new RewardsPlugin.Length().create(new LengthConfig(1, 1, 0.5), null, null);
        Inputs inputs = new Inputs() {
            @Override
            public Dataset dataset(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public Tokenizer tokenizer(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public LanguageModel model(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public Curriculum curriculum(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public ChatTemplate chatTemplate(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public Reward reward(String name) {
                return name.equals("bleu") ? bleu : length;
            }

            @Override
            public Set<String> names() {
                return Set.of("bleu", "len");
            }
        };
        Reward sum = new RewardsPlugin.WeightedSum()
                .create(new WeightedSumConfig(List.of("bleu", "len"), List.of(2.0, -1.0)), null, inputs);
        // bleu 0.75; length of 4 words with range [1,1] and slope 0.5: max(0, 1 - 1.5) = 0.
        assertEquals(1.5, sum.score(List.of(req("I am blue .", "I am red .")), null)[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new WeightedSumConfig(List.of("a", "b"), List.of(1.0)));
    }

    /** A model over lower-case letters (id = letter - 'a' + 1, BOS 0) whose log-prob of token id k is -k/10. */
    static final class CharModel implements LanguageModel {
        @Override
        public Tokenizer tokenizer() {
            return new Tokenizer() {
                @Override
                public Encoding encode(String text) {
                    int[] ids = new int[text.length()];
                    int[] starts = new int[text.length()];
                    int[] ends = new int[text.length()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = text.charAt(i) - 'a' + 1;
                        starts[i] = i;
                        ends[i] = i + 1;
                    }
                    return new Encoding(ids, starts, ends);
                }

                @Override
                public String decode(int[] ids) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int vocabSize() {
                    return 27;
                }

                @Override
                public OptionalInt bosId() {
                    return OptionalInt.of(0);
                }

                @Override
                public OptionalInt eosId() {
                    return OptionalInt.empty();
                }

                @Override
                public void save(Path dir) throws IOException {}
            };
        }

        @Override
        public int maxSequenceLength() {
            return 64;
        }

        @Override
        public List<double[]> logProbs(List<int[]> sequences) {
            List<double[]> out = new ArrayList<>();
            for (int[] s : sequences) {
                double[] lp = new double[s.length];
                lp[0] = Double.NaN;
                for (int i = 1; i < s.length; i++) {
                    lp[i] = -s[i] / 10.0;
                }
                out.add(lp);
            }
            return out;
        }

        @Override
        public void save(Path dir) {}
    }
}
