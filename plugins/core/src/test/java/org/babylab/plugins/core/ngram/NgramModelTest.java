package org.babylab.plugins.core.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.babylab.api.step.ProgressReporter;
import org.junit.jupiter.api.Test;

class NgramModelTest {
    private static final List<String> TINY = List.of(
            "the dog runs .",
            "the dog sleeps .",
            "a cat runs !",
            "the cat sees the dog .",
            "where is the ball ?",
            "the ball is red .",
            "look at the dog !",
            "the big dog runs .");

    static NgramModel train(List<String> texts, int order, int minCount) {
        return NgramModel.train(texts.stream(), order, minCount, false, ProgressReporter.none(), () -> false);
    }

    static double logProb(NgramModel model, int[] context, int w) {
        int[] seq = new int[context.length + 1];
        System.arraycopy(context, 0, seq, 0, context.length);
        seq[context.length] = w;
        double[] lp = model.logProbs(List.of(seq)).get(0);
        return lp[lp.length - 1];
    }

    static int id(NgramModel model, String token) {
        return model.wordTokenizer().tokenId(token).orElseThrow(() -> new AssertionError("no token " + token));
    }

    @Test
    void probabilities_over_the_vocabulary_sum_to_one_in_every_kind_of_context() {
        for (int minCount : new int[] {1, 2}) {
            NgramModel model = train(TINY, 3, minCount);
            int bos = WordTokenizer.BOS;
            int eos = WordTokenizer.EOS;
            int unk = WordTokenizer.UNK;
            int the = id(model, "the");
            int dog = id(model, "dog");
            List<int[]> contexts = List.of(
                    new int[] {bos},
                    new int[] {bos, the},
                    new int[] {the, dog},
                    new int[] {bos, the, dog},
                    new int[] {dog, the}, // seen words, unseen bigram context
                    new int[] {eos},
                    new int[] {unk},
                    new int[] {the, unk},
                    new int[] {dog, bos},
                    new int[] {eos, eos, eos},
                    new int[] {the});
            for (int[] context : contexts) {
                double sum = 0;
                for (int w = 0; w < model.tokenizer().vocabSize(); w++) {
                    if (w != bos) {
                        sum += Math.exp(logProb(model, context, w));
                    }
                }
                assertEquals(
                        1.0,
                        sum,
                        1e-9,
                        "min_count " + minCount + ", context "
                                + model.wordTokenizer().decode(context));
            }
        }
    }

    @Test
    void bigram_probabilities_match_a_hand_computed_kneser_ney_estimate() {
        // Corpus: <s> a b </s> / <s> a c </s> / <s> b </s>; |V| = 5 (<unk>, </s>, a, b, c; never <s>).
        // Unigram continuation counts: a{<s>}=1, b{a,<s>}=2, c{a}=1, </s>{b,c}=2: total 6; count-of-counts
        // t1=2, t2=2, t3=0 -> fallback discounts 0.5/1/1.5; gamma = (0.5*2 + 1*2)/6 = 1/2.
        // p1(b) = (2-1)/6 + 1/2 * 1/5 = 4/15. Bigram counts keep raw counts (highest order), also
        // t3=0 -> fallback. Context a: a b=1, a c=1, total 2, gamma = 0.5*2/2 = 1/2:
        // p(b|a) = (1-0.5)/2 + 1/2 * 4/15 = 23/60. Context <s>: <s> a=2, <s> b=1, total 3,
        // gamma = (0.5 + 1)/3 = 1/2: p(b|<s>) = (1-0.5)/3 + 1/2 * 4/15 = 3/10.
        NgramModel model = train(List.of("a b", "a c", "b"), 2, 1);
        int a = id(model, "a");
        int b = id(model, "b");
        assertEquals(Discounts.FALLBACK, model.discounts(1));
        assertEquals(Math.log(23.0 / 60), logProb(model, new int[] {a}, b), 1e-12);
        assertEquals(Math.log(3.0 / 10), logProb(model, new int[] {WordTokenizer.BOS}, b), 1e-12);
        // An unseen context (</s>) backs off fully to the unigram estimate.
        assertEquals(Math.log(4.0 / 15), logProb(model, new int[] {WordTokenizer.EOS}, b), 1e-12);
    }

    @Test
    void packed_tables_agree_with_a_naive_map_based_implementation_on_random_corpora() {
        SplittableRandom random = new SplittableRandom(7);
        String[] words = {"a", "b", "c", "d", "e", "f", "g", "h"};
        int estimatedDiscounts = 0;
        for (int order = 1; order <= 4; order++) {
            List<String> corpus = new ArrayList<>();
            for (int s = 0; s < 300; s++) {
                StringBuilder sentence = new StringBuilder();
                int length = 1 + random.nextInt(7);
                for (int k = 0; k < length; k++) {
                    // Skewed choice so that counts of 1, 2, 3 and 4 all occur and the estimated discounts are used.
                    sentence.append(words[Math.min(random.nextInt(words.length), random.nextInt(words.length))])
                            .append(' ');
                }
                corpus.add(sentence.toString());
            }
            NgramModel model = train(corpus, order, 1);
            List<int[]> padded = new ArrayList<>();
            for (String sentence : corpus) {
                int[] ids = model.tokenizer().encode(sentence).ids();
                int[] p = new int[ids.length + 2];
                p[0] = WordTokenizer.BOS;
                System.arraycopy(ids, 0, p, 1, ids.length);
                p[p.length - 1] = WordTokenizer.EOS;
                padded.add(p);
            }
            ReferenceKneserNey reference =
                    new ReferenceKneserNey(padded, order, model.tokenizer().vocabSize());
            for (int n = 1; n <= order; n++) {
                assertEquals(reference.discounts(n), model.discounts(n), "order " + n);
                estimatedDiscounts += model.discounts(n).equals(Discounts.FALLBACK) ? 0 : 1;
            }
            for (int trial = 0; trial < 200; trial++) {
                int[] seq = new int[2 + random.nextInt(6)];
                seq[0] = WordTokenizer.BOS;
                for (int k = 1; k < seq.length; k++) {
                    seq[k] = random.nextInt(model.tokenizer().vocabSize());
                }
                double[] lp = model.logProbs(List.of(seq)).get(0);
                for (int i = 1; i < seq.length; i++) {
                    List<Integer> context = new ArrayList<>();
                    for (int k = 0; k < i; k++) {
                        context.add(seq[k]);
                    }
                    assertEquals(
                            Math.log(reference.probability(context, seq[i])),
                            lp[i],
                            1e-12,
                            "order " + order + ", sequence " + java.util.Arrays.toString(seq) + ", position " + i);
                }
            }
        }
        assertTrue(
                estimatedDiscounts >= 4,
                "the corpora must exercise the Chen-Goodman estimates, not only the fallback: " + estimatedDiscounts);
    }

    @Test
    void modified_discounts_follow_the_chen_goodman_estimates() {
        // Y = 10 / (10 + 2*5) = 1/2; D1 = 1 - 2*(1/2)*5/10 = 0.5; D2 = 2 - 3*(1/2)*3/5 = 1.1; D3+ = 3 - 4*(1/2)*2/3 =
        // 5/3.
        Discounts d = Discounts.fromCountOfCounts(10, 5, 3, 2);
        assertEquals(0.5, d.d1(), 1e-12);
        assertEquals(1.1, d.d2(), 1e-12);
        assertEquals(5.0 / 3, d.d3(), 1e-12);
        assertEquals(Discounts.FALLBACK, Discounts.fromCountOfCounts(10, 5, 0, 2));
    }

    @Test
    void a_tiny_corpus_without_counts_of_three_and_four_falls_back_to_kenlm_discounts() {
        NgramModel model = train(TINY, 3, 1);
        // No order-3 n-gram of TINY occurs three or four times, so the closed form is undefined there.
        assertEquals(Discounts.FALLBACK, model.discounts(3));
    }

    @Test
    void first_position_is_nan_and_a_later_bos_has_zero_probability() {
        NgramModel model = train(TINY, 3, 1);
        int the = id(model, "the");
        double[] lp = model.logProbs(List.of(new int[] {WordTokenizer.BOS, the, WordTokenizer.BOS}))
                .get(0);
        assertTrue(Double.isNaN(lp[0]));
        assertTrue(lp[1] < 0 && lp[1] > Double.NEGATIVE_INFINITY);
        assertEquals(Double.NEGATIVE_INFINITY, lp[2]);
        assertTrue(Double.isNaN(model.logProbs(List.of(new int[] {the})).get(0)[0]));
    }

    @Test
    void results_do_not_depend_on_batch_composition() {
        NgramModel model = train(TINY, 4, 1);
        int[] a = model.tokenizer().encode("the dog runs .").ids();
        int[] b = model.tokenizer().encode("look at the big red ball !").ids();
        int[] c = {WordTokenizer.BOS, id(model, "the"), id(model, "cat")};
        double[] alone = model.logProbs(List.of(b)).get(0);
        List<double[]> batch = model.logProbs(List.of(a, b, c, b));
        assertArrayEquals(alone, batch.get(1));
        assertArrayEquals(alone, batch.get(3));
        assertArrayEquals(model.logProbs(List.of(c)).get(0), batch.get(2));
    }

    @Test
    void a_longer_context_is_used_only_up_to_order_minus_one_tokens() {
        NgramModel model = train(TINY, 2, 1);
        int the = id(model, "the");
        int dog = id(model, "dog");
        int cat = id(model, "cat");
        double afterThe = logProb(model, new int[] {the}, dog);
        assertEquals(afterThe, logProb(model, new int[] {WordTokenizer.BOS, cat, the}, dog), 0.0);
    }

    @Test
    void rare_words_become_unk_which_then_has_probability_mass() {
        NgramModel model = train(TINY, 3, 2);
        assertTrue(model.wordTokenizer().tokenId("sleeps").isEmpty(), "seen once, below min_count 2");
        assertTrue(model.wordTokenizer().tokenId("dog").isPresent());
        int[] ids = model.tokenizer().encode("the dog sleeps").ids();
        assertEquals(WordTokenizer.UNK, ids[2]);
        double lp =
                logProb(model, new int[] {WordTokenizer.BOS, id(model, "the"), id(model, "dog")}, WordTokenizer.UNK);
        assertTrue(lp > Math.log(0.05), "after 'the dog' <unk> (sleeps, sees...) is likely, got " + Math.exp(lp));
    }

    @Test
    void bad_sequences_are_rejected_with_the_position() {
        NgramModel model = train(TINY, 3, 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> model.logProbs(List.of(new int[] {1, 2}, new int[] {1, 9999})));
        assertTrue(
                e.getMessage().contains("sequence 1")
                        && e.getMessage().contains("9999")
                        && e.getMessage().contains("position 1"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(new int[0])));
    }

    @Test
    void training_on_texts_without_words_is_an_error() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> NgramModel.train(Stream.of("   ", ""), 3, 1, false, ProgressReporter.none(), () -> false));
        assertTrue(e.getMessage().contains("no word"), e.getMessage());
    }

    @Test
    void training_stops_when_cancelled() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add("the dog runs " + i);
        }
        assertThrows(
                java.util.concurrent.CancellationException.class,
                () -> NgramModel.train(many.stream(), 3, 1, false, ProgressReporter.none(), () -> true));
    }
}
