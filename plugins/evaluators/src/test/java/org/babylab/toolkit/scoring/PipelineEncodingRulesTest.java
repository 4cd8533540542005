package org.babylab.toolkit.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.babylab.api.model.Encoding;
import org.babylab.plugins.eval.CharBigramModel;
import org.babylab.testkit.NaiveScorer;
import org.junit.jupiter.api.Test;

/** The encoding rules on which {@code rules: babylab} and {@code rules: pipeline} differ, both variants pinned. */
class PipelineEncodingRulesTest {
    private static final List<String> CORPUS = List.of("the cat sat on the mat.");

    @Test
    void bos_is_prepended_by_babylab_rules_and_not_by_pipeline_rules_unless_asked() {
        CharBigramModel model = new CharBigramModel(CORPUS, true, 64, 64);
        EncodedRequest babylab =
                new RequestEncoder(model, ScoringRules.BABYLAB, null).encode(ContinuationRequest.wholeText("cat"));
        assertEquals(4, babylab.sequence().length);
        assertEquals(1, babylab.from());
        assertFalse(babylab.firstTokenUnscored());

        EncodedRequest pipeline =
                new RequestEncoder(model, ScoringRules.PIPELINE, null).encode(ContinuationRequest.wholeText("cat"));
        assertEquals(3, pipeline.sequence().length);
        assertEquals('c', pipeline.sequence()[0]);
        assertTrue(
                pipeline.firstTokenUnscored(), "without BOS the pipeline's shifted logits never score the first token");

        EncodedRequest pipelineWithBos =
                new RequestEncoder(model, ScoringRules.PIPELINE, true).encode(ContinuationRequest.wholeText("cat"));
        assertEquals(4, pipelineWithBos.sequence().length);
        EncodedRequest babylabWithout =
                new RequestEncoder(model, ScoringRules.BABYLAB, false).encode(ContinuationRequest.wholeText("cat"));
        assertEquals(3, babylabWithout.sequence().length);
    }

    @Test
    void asking_for_bos_from_a_tokenizer_without_one_is_an_error_naming_the_key() {
        CharBigramModel model = new CharBigramModel(CORPUS, false, 64, 64);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RequestEncoder(model, ScoringRules.PIPELINE, true));
        assertTrue(e.getMessage().startsWith("bos: true"), e.getMessage());
    }

    @Test
    void a_zero_width_token_exactly_at_the_boundary_counts_for_babylab_and_not_for_the_pipeline() {
        // "ab" + "cd": tokens a[0,1) b[1,2) <marker>[2,2) c[2,3) d[3,4)
        ScriptedModel model = new ScriptedModel(
                text -> text.equals("abcd")
                        ? new Encoding(new int[] {1, 2, 50, 3, 4}, new int[] {0, 1, 2, 2, 3}, new int[] {1, 2, 2, 3, 4})
                        : fail(text),
                true,
                64);
        ContinuationRequest r = new ContinuationRequest("ab", "cd");
        ContinuationScore babylab = new NaiveScorer(model, new RequestEncoder(model, ScoringRules.BABYLAB, true))
                .score(List.of(r))
                .get(0);
        ContinuationScore pipeline = new NaiveScorer(model, new RequestEncoder(model, ScoringRules.PIPELINE, true))
                .score(List.of(r))
                .get(0);
        assertEquals(3, babylab.scoredTokens());
        assertEquals(ScriptedModel.lp(50) + ScriptedModel.lp(3) + ScriptedModel.lp(4), babylab.logProb(), 1e-12);
        assertEquals(2, pipeline.scoredTokens());
        assertEquals(ScriptedModel.lp(3) + ScriptedModel.lp(4), pipeline.logProb(), 1e-12);
    }

    @Test
    void without_bos_the_pipeline_shifts_the_span_by_the_first_tokens_start_offset() {
        // " x" + "y" with trimmed offsets (the leading space belongs to no token): x[1,2) y[2,3).
        // The continuation starts at char 2, so BabyLab scores y; the pipeline adds
        // offset_mapping[0][0] = 1, starts at 3, and y (ending at 3) is not scored.
        ScriptedModel model = new ScriptedModel(
                text -> switch (text) {
                    case " xy" -> new Encoding(new int[] {10, 20}, new int[] {1, 2}, new int[] {2, 3});
                    default -> fail(text);
                },
                false,
                64);
        ContinuationRequest r = new ContinuationRequest(" x", "y");
        ContinuationScore babylab = new NaiveScorer(model, new RequestEncoder(model, ScoringRules.BABYLAB, null))
                .score(List.of(r))
                .get(0);
        ContinuationScore pipeline = new NaiveScorer(model, new RequestEncoder(model, ScoringRules.PIPELINE, null))
                .score(List.of(r))
                .get(0);
        assertEquals(1, babylab.scoredTokens());
        assertEquals(ScriptedModel.lp(20), babylab.logProb(), 1e-12);
        assertEquals(0, pipeline.scoredTokens(), "the pipeline's start, 2 + offset 1, is past y's end");
    }

    @Test
    void an_over_long_sequence_is_truncated_by_babylab_rules_and_rejected_by_pipeline_rules() {
        CharBigramModel model = new CharBigramModel(CORPUS, true, 6, 64);
        ContinuationRequest r = new ContinuationRequest("abcdef", "xy");
        EncodedRequest babylab = new RequestEncoder(model, ScoringRules.BABYLAB, null).encode(r);
        assertEquals(6, babylab.sequence().length);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RequestEncoder(model, ScoringRules.PIPELINE, true).encode(r));
        assertTrue(e.getMessage().contains("never truncates"), e.getMessage());
    }

    @Test
    void rules_parse_names_the_key_and_the_valid_values() {
        assertEquals(ScoringRules.BABYLAB, ScoringRules.parse(null));
        assertEquals(ScoringRules.PIPELINE, ScoringRules.parse("Pipeline"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoringRules.parse("hf"));
        assertTrue(e.getMessage().startsWith("rules: 'hf'") && e.getMessage().contains("'pipeline'"), e.getMessage());
    }

    private static Encoding fail(String text) {
        throw new AssertionError("unexpected text to encode: \"" + text + "\"");
    }
}
