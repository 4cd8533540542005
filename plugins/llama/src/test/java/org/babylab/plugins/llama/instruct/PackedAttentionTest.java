package org.babylab.plugins.llama.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.babylab.api.chat.PackedSequence;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.toolkit.chat.ExamplePacker;
import org.junit.jupiter.api.Test;

/** Examples packed into one row never see each other: each is scored exactly as if it were alone. */
class PackedAttentionTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void an_example_packed_between_others_has_the_log_probs_it_has_alone() {
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        var recs = ChatFixtures.records(3, 11);
        List<TokenizedExample> ex =
                recs.stream().map(r -> ChatFixtures.encode(r, tok)).toList();
        List<PackedSequence> packed = ExamplePacker.pack(ex, 128, 0);
        assertEquals(1, packed.size(), "the three examples share one row");
        try (LlamaModel model = ChatFixtures.model(tok, 3);
                NDManager sm = model.manager().newSubManager()) {
            float[] together = tokenLogProbs(model, sm, InstructionBatch.of(packed));
            int offset = ex.get(0).length();
            TokenizedExample middle = ex.get(1);
            float[] alone = tokenLogProbs(model, sm, InstructionBatch.of(ExamplePacker.pack(List.of(middle), 128, 0)));
            double[] unpacked = model.logProbs(List.of(middle.ids())).get(0);
            for (int i = 0; i < middle.length() - 1; i++) {
                assertEquals(alone[i], together[offset + i], TOLERANCE, "token " + (i + 1) + " packed vs alone");
                assertEquals(
                        unpacked[i + 1],
                        alone[i],
                        TOLERANCE,
                        "token " + (i + 1) + " alone vs the ordinary causal forward pass");
            }
        }
    }

    @Test
    void the_loss_of_a_packed_row_is_the_sum_of_its_examples_losses_alone() {
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        List<TokenizedExample> ex = ChatFixtures.records(3, 12).stream()
                .map(r -> ChatFixtures.encode(r, tok))
                .toList();
        try (LlamaModel model = ChatFixtures.model(tok, 4);
                NDManager sm = model.manager().newSubManager()) {
            double packed = InstructionBatch.of(ExamplePacker.pack(ex, 128, 0))
                    .lossSum(model, sm)
                    .getFloat();
            double alone = 0;
            for (TokenizedExample e : ex) {
                alone += InstructionBatch.of(ExamplePacker.pack(List.of(e), 128, 0))
                        .lossSum(model, sm)
                        .getFloat();
            }
            assertEquals(alone, packed, 1e-3);
        }
    }

    /** The log-probability of every position's target in row 0. */
    private static float[] tokenLogProbs(LlamaModel model, NDManager sm, InstructionBatch b) {
        return b.targetLogProbs(model, sm).toFloatArray();
    }
}
