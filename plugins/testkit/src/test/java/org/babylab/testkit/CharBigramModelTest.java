package org.babylab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharBigramModelTest {
    private final CharBigramModel model = CharBigramModel.train(List.of("the dog runs", "the cat sleeps"));

    private int[] withBos(String text) {
        int[] ids = model.tokenizer().encode(text).ids();
        int[] seq = new int[ids.length + 1];
        seq[0] = CharTokenizer.BOS;
        System.arraycopy(ids, 0, seq, 1, ids.length);
        return seq;
    }

    @Test
    void every_conditional_distribution_sums_to_one() {
        int v = model.tokenizer().vocabSize();
        for (int a = 0; a < v; a++) {
            double sum = 0;
            for (int b = 0; b < v; b++) {
                sum += Math.exp(model.logProb(a, b));
            }
            assertEquals(1.0, sum, 1e-12, "row " + a);
        }
    }

    @Test
    void log_probs_follow_the_contract_first_nan_then_counted_bigrams_independent_of_the_batch() {
        double[] alone = model.logProbs(List.of(withBos("the dog"))).get(0);
        double[] batched =
                model.logProbs(List.of(withBos("sleeps"), withBos("the dog"))).get(1);
        assertTrue(Double.isNaN(alone[0]));
        assertArrayEquals(alone, batched);
        // "t" follows <bos> in both texts: (2 + 1) / (2 + V).
        assertEquals(Math.log(3.0 / (2 + model.tokenizer().vocabSize())), alone[1], 1e-12);
        assertTrue(
                sum(model.logProbs(List.of(withBos("the dog"))).get(0))
                        > sum(model.logProbs(List.of(withBos("eht god"))).get(0)),
                "a seen word order scores higher than a reversed one");
    }

    @Test
    void ids_outside_the_vocabulary_are_refused_like_any_model_refuses_them() {
        assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(new int[] {0, 999})));
        assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(new int[0])));
    }

    @Test
    void a_saved_model_loads_back_with_the_same_scores(@TempDir Path dir) throws Exception {
        model.save(dir);
        CharBigramModel back = CharBigramModel.load(dir);
        assertArrayEquals(
                model.logProbs(List.of(withBos("the cat"))).get(0),
                back.logProbs(List.of(withBos("the cat"))).get(0));
        Files.delete(dir.resolve(CharBigramModel.COUNTS));
        assertTrue(assertThrows(java.io.IOException.class, () -> CharBigramModel.load(dir))
                .getMessage()
                .contains("bigram-counts.bin"));
    }

    private static double sum(double[] lp) {
        double s = 0;
        for (int i = 1; i < lp.length; i++) {
            s += lp[i];
        }
        return s;
    }
}
