package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.babylab.plugins.eval.Fixtures;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.toolkit.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WugAdjectivesEvaluatorTest {
    @TempDir
    Path dir;

    /** Pearson correlation of the average ranks, written out independently of commons-math. */
    private static double spearmanByHand(double[] rx, double[] ry) {
        double mx = 0, my = 0;
        for (int i = 0; i < rx.length; i++) {
            mx += rx[i] / rx.length;
            my += ry[i] / ry.length;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void spearman_uses_average_ranks_for_tied_human_ratios() {
        double[] model = {0.1, 0.4, 0.35, 0.8, 0.9};
        double[] human = {5, 6, 7, 8, 7};
        // ranks: model 1, 3, 2, 4, 5; human 1, 2, 3.5, 5, 3.5
        double expected = 100 * spearmanByHand(new double[] {1, 3, 2, 4, 5}, new double[] {1, 2, 3.5, 5, 3.5});
        assertEquals(expected, WugAdjectivesEvaluator.spearmanX100(model, human), 1e-9);
    }

    @Test
    void the_ity_probability_is_a_two_way_softmax_over_sentence_log_probs() {
        assertEquals(0.75, WugAdjectivesEvaluator.softmaxFirst(Math.log(0.3), Math.log(0.1)), 1e-12);
        assertEquals(0.5, WugAdjectivesEvaluator.softmaxFirst(-7, -7), 1e-12);
    }

    @Test
    void a_model_that_prefers_ity_where_humans_do_correlates_positively() throws Exception {
        // The model has seen -ity forms of "fooable" and "barable" but -ness forms of the others.
        WordBigramModel model = Fixtures.model(
                "make fooability",
                "make barability",
                "make bazableness",
                "make quxableness",
                "make fooability",
                "make fooability");
        Fixtures.write(
                dir.resolve("wug.jsonl"),
                "{\"sentences\": \"make fooability\\tmake fooableness\", \"ratio\": 0.9}",
                "{\"sentences\": \"make barability\\tmake barableness\", \"ratio\": 0.7}",
                "{\"sentences\": \"make bazability\\tmake bazableness\", \"ratio\": 0.2}",
                "{\"sentences\": \"make quxability\\tmake quxableness\", \"ratio\": 0.1}");
        Fixtures.Run r =
                Fixtures.run(new WugAdjectivesEvaluator(new PathConfig("wug.jsonl"), dir), model, dir.resolve("run"));
        assertTrue(r.result().primary() > 50, "spearman " + r.result().primary());
        assertEquals(4, r.predictions().size());
        assertTrue(r.predictions().get(0).containsKey("p_ity"));
    }

    @Test
    void a_model_that_scores_every_pair_alike_fails_with_the_reason_instead_of_a_nan() throws Exception {
        // The model has seen none of the nonce words: every -ity/-ness pair gets the same log-odds.
        WordBigramModel model = Fixtures.model("make something", "make nothing");
        Fixtures.write(
                dir.resolve("wug.jsonl"),
                "{\"sentences\": \"make fooability\\tmake fooableness\", \"ratio\": 0.9}",
                "{\"sentences\": \"make barability\\tmake barableness\", \"ratio\": 0.1}",
                "{\"sentences\": \"make bazability\\tmake bazableness\", \"ratio\": 0.5}");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Fixtures.run(
                        new WugAdjectivesEvaluator(new PathConfig("wug.jsonl"), dir), model, dir.resolve("run")));
        assertTrue(
                e.getMessage().contains("same preference on all 3 items")
                        && e.getMessage().contains("undefined"),
                e.getMessage());
    }

    @Test
    void a_line_without_exactly_two_tab_separated_sentences_is_rejected_with_its_line() throws Exception {
        Fixtures.write(dir.resolve("bad.jsonl"), "{\"sentences\": \"only one\", \"ratio\": 0.5}");
        DataFormatException e = assertThrows(
                DataFormatException.class, () -> new WugAdjectivesEvaluator(new PathConfig("bad.jsonl"), dir).items());
        assertTrue(e.getMessage().contains("bad.jsonl:1: sentences must be two"), e.getMessage());
    }
}
