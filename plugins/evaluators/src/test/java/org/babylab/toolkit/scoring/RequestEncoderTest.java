package org.babylab.toolkit.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.babylab.plugins.eval.CharBigramModel;
import org.babylab.plugins.eval.WordBigramModel;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
    private static final List<String> CORPUS = List.of("Box 1 contains the hat.", "the cat sat on the mat.");

    @Test
    void with_bos_every_token_of_a_whole_sentence_is_scored() {
        RequestEncoder enc = new RequestEncoder(new WordBigramModel(CORPUS, true, 64, 64));
        EncodedRequest e = enc.encode(ContinuationRequest.wholeText("the cat sat."));
        assertEquals(5, e.sequence().length); // BOS, the, " cat", " sat", "."
        assertEquals(1, e.from());
        assertEquals(5, e.to());
        assertFalse(e.firstTokenUnscored());
    }

    @Test
    void without_bos_the_first_token_of_a_whole_sentence_is_left_out_and_flagged() {
        RequestEncoder enc = new RequestEncoder(new WordBigramModel(CORPUS, false, 64, 64));
        EncodedRequest e = enc.encode(ContinuationRequest.wholeText("the cat sat."));
        assertEquals(4, e.sequence().length);
        assertEquals(1, e.from());
        assertEquals(4, e.to());
        assertTrue(e.firstTokenUnscored());
    }

    @Test
    void a_token_straddling_the_context_boundary_belongs_to_the_continuation() {
        // The context ends with a space that the tokenizer glues to " the": that token overlaps the
        // continuation, so it is scored (the pipeline's end > start rule).
        RequestEncoder enc = new RequestEncoder(new WordBigramModel(CORPUS, true, 64, 64));
        EncodedRequest e = enc.encode(new ContinuationRequest("Box 1 contains ", "the hat."));
        // BOS, Box, " 1", " contains", " the", " hat", "."
        assertEquals(7, e.sequence().length);
        assertEquals(4, e.from());
        assertEquals(7, e.to());
    }

    @Test
    void continuation_after_context_scores_only_its_own_characters_for_a_char_model() {
        RequestEncoder enc = new RequestEncoder(new CharBigramModel(CORPUS, false, 64, 64));
        EncodedRequest e = enc.encode(new ContinuationRequest("ab", " cd"));
        assertEquals(5, e.sequence().length);
        assertEquals(2, e.from());
        assertEquals(5, e.to());
        assertFalse(e.firstTokenUnscored());
    }

    @Test
    void over_long_sequences_drop_the_oldest_context_tokens_but_keep_bos() {
        CharBigramModel model = new CharBigramModel(CORPUS, true, 6, 64);
        RequestEncoder enc = new RequestEncoder(model);
        EncodedRequest e = enc.encode(new ContinuationRequest("abcdef", "xy"));
        // [BOS] a b c d e f x y is 9 long; keep BOS + "e f x y"... fitting 6: BOS d e f x y
        assertEquals(6, e.sequence().length);
        assertEquals(257, e.sequence()[0]);
        assertArrayEquals(new int[] {'d', 'e', 'f', 'x', 'y'}, java.util.Arrays.copyOfRange(e.sequence(), 1, 6));
        assertEquals(4, e.from());
        assertEquals(6, e.to());
    }

    @Test
    void a_continuation_longer_than_the_model_window_is_rejected_with_its_text() {
        RequestEncoder enc = new RequestEncoder(new CharBigramModel(CORPUS, true, 4, 64));
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> enc.encode(new ContinuationRequest("a", "toolong")));
        assertTrue(ex.getMessage().contains("toolong"), ex.getMessage());
        assertTrue(ex.getMessage().contains("maxSequenceLength 4"), ex.getMessage());
    }

    @Test
    void text_the_tokenizer_drops_entirely_scores_nothing_without_calling_the_model() {
        RequestEncoder enc = new RequestEncoder(new WordBigramModel(CORPUS, false, 64, 64));
        EncodedRequest e = enc.encode(ContinuationRequest.wholeText("   "));
        assertFalse(e.needsModel());
    }
}
