package org.babylab.plugins.llama.instruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.toolkit.chat.ExamplePacker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loss covers reply tokens (and the closing end marker) only: prompt targets change neither the loss nor a single gradient. */
class ReplyOnlyLossTest {
    private static BpeTokenizer tok;
    private static TokenizedExample example;
    private static InstructionBatch batch;

    @BeforeAll
    static void data() {
        tok = TestCorpus.tokenizer(320);
        example = ChatFixtures.encode(
                Map.of("prompt", "The dog sees the ball. Daddy wants some milk!", "reply", "A cat eats a cookie."),
                tok);
        batch = InstructionBatch.of(ExamplePacker.pack(List.of(example), 64, 0));
    }

    private static int firstPosition(boolean weighted) {
        for (int i = 2; i < example.length() - 1; i++) {
            if ((batch.weights()[i] > 0) == weighted) {
                return i;
            }
        }
        throw new AssertionError("no " + (weighted ? "reply" : "prompt") + " target in " + example);
    }

    private static int otherId(int position) {
        return (int) (batch.targets()[position] + 17) % tok.vocabSize();
    }

    @Test
    void only_reply_tokens_and_the_closing_end_marker_are_weighted() {
        int weighted = 0;
        for (int i = 0; i < example.length() - 1; i++) {
            assertEquals(
                    example.lossMask()[i + 1], batch.weights()[i] > 0, "position " + i + " predicts token " + (i + 1));
            weighted += batch.weights()[i] > 0 ? 1 : 0;
        }
        assertEquals(example.trainableTokens(), weighted);
        assertEquals(tok.tokenId("<|end|>").getAsInt(), example.ids()[example.length() - 1]);
        assertTrue(example.lossMask()[example.length() - 1], "the model learns to stop");
        assertFalse(example.lossMask()[1], "the <|user|> marker is context");
    }

    @Test
    void changing_a_prompt_target_changes_neither_the_loss_nor_any_gradient() {
        try (LlamaModel model = ChatFixtures.model(tok, 5)) {
            double[] before = new double[1];
            double[] after = new double[1];
            Map<String, float[]> g0 = ChatFixtures.lossAndGradients(model, batch, before);
            int p = firstPosition(false);
            Map<String, float[]> g1 = ChatFixtures.lossAndGradients(model, batch.withTarget(0, p, otherId(p)), after);
            assertEquals(before[0], after[0], 0.0);
            for (String name : g0.keySet()) {
                assertArrayEquals(g0.get(name), g1.get(name), 0f, "gradient of " + name);
            }
        }
    }

    @Test
    void changing_a_reply_target_changes_the_loss_and_the_gradients() {
        try (LlamaModel model = ChatFixtures.model(tok, 5)) {
            double[] before = new double[1];
            double[] after = new double[1];
            Map<String, float[]> g0 = ChatFixtures.lossAndGradients(model, batch, before);
            int p = firstPosition(true);
            Map<String, float[]> g1 = ChatFixtures.lossAndGradients(model, batch.withTarget(0, p, otherId(p)), after);
            assertNotEquals(before[0], after[0]);
            assertFalse(
                    java.util.Arrays.equals(g0.get("lm_head.weight"), g1.get("lm_head.weight")),
                    "the output layer's gradient moved");
        }
    }
}
