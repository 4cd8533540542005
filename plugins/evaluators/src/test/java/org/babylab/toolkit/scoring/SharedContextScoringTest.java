package org.babylab.toolkit.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.testkit.NaiveScorer;
import org.junit.jupiter.api.Test;

class SharedContextScoringTest {
    private static final List<String> CORPUS =
            List.of("the cat sat on the mat.", "a dog ran to the park.", "the dog sat on the cat.");
    private static final String CONTEXT = "Box 0 contains the cat and the dog, Box 1 contains";
    private static final List<String> OPTIONS =
            List.of(" the mat.", " nothing.", " the park and the dog.", " the mat. the cat sat.");

    @Test
    void several_continuations_of_one_context_score_as_separate_requests_do_but_in_one_model_call() {
        // A batch budget of 8 tokens: score() must split these sequences over several calls.
        for (boolean bos : new boolean[] {true, false}) {
            WordBigramModel model = new WordBigramModel(CORPUS, bos, 512, 8);
            List<ContinuationRequest> separate = new ArrayList<>();
            OPTIONS.forEach(o -> separate.add(new ContinuationRequest(CONTEXT, o)));
            List<ContinuationScore> reference = new NaiveScorer(model).score(separate);

            ContinuationScorer scorer = new ContinuationScorer(model);
            List<ContinuationScore> batched = scorer.score(separate);
            assertTrue(scorer.lastStats().batches() > 1, "the budget splits score(): " + scorer.lastStats());

            List<ContinuationScore> shared = scorer.scoreContinuations(CONTEXT, OPTIONS);
            assertEquals(1, scorer.lastStats().batches(), "one model call for one context: " + scorer.lastStats());
            assertEquals(OPTIONS.size(), scorer.lastStats().requests());
            for (int i = 0; i < OPTIONS.size(); i++) {
                assertEquals(reference.get(i), shared.get(i), "option " + i + " with bos=" + bos);
                assertEquals(batched.get(i), shared.get(i), "option " + i + " with bos=" + bos);
            }
        }
    }

    @Test
    void a_continuation_that_extends_another_is_read_from_the_longer_sequence() {
        WordBigramModel model = new WordBigramModel(CORPUS, true, 512, 4096);
        ContinuationScorer scorer = new ContinuationScorer(model);
        scorer.scoreContinuations(CONTEXT, OPTIONS);
        // " the mat." is a token prefix of " the mat. the cat sat.": three forward passes, not four.
        assertEquals(3, scorer.lastStats().modelSequences(), scorer.lastStats().toString());
    }

    @Test
    void no_continuation_scores_nothing_and_an_empty_one_is_refused() {
        ContinuationScorer scorer = new ContinuationScorer(new WordBigramModel(CORPUS, true, 512, 64));
        assertEquals(List.of(), scorer.scoreContinuations(CONTEXT, List.of()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> scorer.scoreContinuations(CONTEXT, List.of(" ok", "")));
        assertTrue(e.getMessage().contains("continuation must be a non-empty text"), e.getMessage());
    }
}
