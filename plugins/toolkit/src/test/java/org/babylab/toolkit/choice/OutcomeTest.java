package org.babylab.toolkit.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void ties_are_counted_as_wrong_by_default() {
        assertEquals(TieRule.WRONG, TieRule.parse(null));
        assertFalse(Outcome.judge(new double[] {-3.0, -3.0}).countsAsCorrect(TieRule.parse(null)));
    }

    @Test
    void ties_count_as_correct_under_the_pipeline_compatible_gold_rule() {
        Outcome o = Outcome.judge(new double[] {-3.0, -5.0, -3.0});
        assertEquals(Outcome.TIE, o);
        assertTrue(o.countsAsCorrect(TieRule.GOLD));
        assertFalse(o.countsAsCorrect(TieRule.WRONG));
    }

    @Test
    void gold_must_beat_every_alternative_strictly() {
        assertEquals(Outcome.CORRECT, Outcome.judge(new double[] {-1.0, -2.0, -1.5}));
        assertEquals(Outcome.WRONG, Outcome.judge(new double[] {-1.0, -2.0, -0.5}));
        assertFalse(Outcome.WRONG.countsAsCorrect(TieRule.GOLD));
    }

    @Test
    void both_options_impossible_is_a_tie_not_a_win() {
        assertEquals(Outcome.TIE, Outcome.judge(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void a_nan_score_is_an_error_not_an_outcome() {
        assertThrows(IllegalArgumentException.class, () -> Outcome.judge(new double[] {Double.NaN, -1}));
    }

    @Test
    void an_unknown_tie_rule_is_rejected_naming_the_key_and_the_valid_values() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TieRule.parse("maybe"));
        assertTrue(e.getMessage().startsWith("ties: 'maybe'"), e.getMessage());
        assertTrue(e.getMessage().contains("'wrong'") && e.getMessage().contains("'gold'"), e.getMessage());
    }

    @Test
    void tally_reports_both_tie_rules_and_the_tie_count() {
        ChoiceItem item = new ChoiceItem(
                "x", "g", List.of(ContinuationRequest.wholeText("a"), ContinuationRequest.wholeText("b")));
        AccuracyTally t = new AccuracyTally();
        t.add(ItemResult.of(item, List.of(new ContinuationScore(-1, 1, false), new ContinuationScore(-2, 1, false))));
        t.add(ItemResult.of(item, List.of(new ContinuationScore(-2, 1, false), new ContinuationScore(-2, 1, false))));
        t.add(ItemResult.of(item, List.of(new ContinuationScore(-3, 1, false), new ContinuationScore(-2, 1, false))));
        t.add(ItemResult.of(item, List.of(new ContinuationScore(-4, 2, false), new ContinuationScore(-3, 1, false))));
        var m = t.metrics(TieRule.WRONG);
        assertEquals(0.25, m.get("accuracy"));
        assertEquals(0.25, m.get("accuracy_ties_wrong"));
        assertEquals(0.5, m.get("accuracy_ties_gold"));
        assertEquals(1.0, m.get("ties"));
        // length-normalised: the last item is -2/token against -3/token, so it becomes correct
        assertEquals(0.5, m.get("accuracy_length_normalised"));
        assertEquals(0.5, t.metrics(TieRule.GOLD).get("accuracy"));
    }
}
