package org.babylab.plugins.llama.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.api.step.PhaseContext;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.tokenizer.ByteLevelBpeTrainer;
import org.babylab.plugins.llama.tokenizer.SpecialTokens;
import org.babylab.testkit.TestStepContext;
import org.babylab.toolkit.chat.RoleTokensTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage trains one curriculum phase through a real step context and learns the replies it saw. */
class InstructionTuneStageTest {
    private static final InstructionOptimizerConfig FAST =
            new InstructionOptimizerConfig(3e-3, 4, null, 4, null, null, null, null, null);

    /** Sum of log P(reply tokens and the end marker | prompt) under {@code model}. */
    private static double replyLogProb(LlamaModel model, TokenizedExample ex) {
        double[] lp = model.logProbs(List.of(ex.ids())).get(0);
        double sum = 0;
        for (int i = 1; i < lp.length; i++) {
            sum += ex.lossMask()[i] ? lp[i] : 0;
        }
        return sum;
    }

    @Test
    void training_a_phase_raises_the_log_prob_of_a_seen_reply_given_its_prompt(@TempDir Path dir) throws Exception {
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        List<Map<String, Object>> recs = ChatFixtures.records(12, 21);
        PhaseContext phase = ChatFixtures.phase("chat", recs.size(), 3, 9);
        TokenizedExample seen = ChatFixtures.encode(recs.get(0), tok);
        try (LlamaModel model = ChatFixtures.model(tok, 1)) {
            double before = replyLogProb(model, seen);
            TestStepContext ctx = TestStepContext.builder(dir)
                    .model("base", model)
                    .dataset("chat", new ChatFixtures.RecordsDataset(recs))
                    .chatTemplate("role-tokens", new RoleTokensTemplate())
                    .phase(phase)
                    .build();
            InstructionTuneConfig config =
                    new InstructionTuneConfig("base", "curriculum", "role-tokens", 128, 100, FAST);
            LlamaModel tuned = (LlamaModel) new InstructionTuneStageFactory().create(config, ctx);
            double after = replyLogProb(tuned, seen);
            assertTrue(after > before + 5, "log P(reply | prompt) rose from " + before + " to " + after);
            assertTrue(
                    ctx.logLines().stream()
                            .anyMatch(l ->
                                    l.startsWith("instruction-tune phase 1/1 (chat): 36 examples over 3 epoch(s)")),
                    String.join("\n", ctx.logLines()));
            assertTrue(
                    ctx.logLines().stream().anyMatch(l -> l.contains("finished")), String.join("\n", ctx.logLines()));
        }
    }

    @Test
    void a_tokenizer_without_the_templates_role_tokens_is_refused_by_name(@TempDir Path dir) {
        ByteLevelBpeTrainer trainer =
                new ByteLevelBpeTrainer(300, 2, List.of(SpecialTokens.PAD, SpecialTokens.BOS, SpecialTokens.EOS));
        trainer.addDocuments(TestCorpus.documents(100, 1).stream());
        BpeTokenizer plain = BpeTokenizer.of(trainer.train());
        List<Map<String, Object>> recs = ChatFixtures.records(2, 1);
        try (LlamaModel model = ChatFixtures.model(plain, 1)) {
            TestStepContext ctx = TestStepContext.builder(dir)
                    .model("base", model)
                    .dataset("chat", new ChatFixtures.RecordsDataset(recs))
                    .phase(ChatFixtures.phase("chat", 2, 1, 1))
                    .build();
            var e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new InstructionTuneStageFactory()
                            .create(new InstructionTuneConfig("base", "c", null, 64, null, FAST), ctx));
            assertTrue(
                    e.getMessage().contains("'<|system|>'")
                            && e.getMessage().contains("type: bpe")
                            && e.getMessage().contains("'base'"),
                    e.getMessage());
        }
    }

    @Test
    void a_step_without_a_curriculum_phase_is_refused(@TempDir Path dir) {
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        try (LlamaModel model = ChatFixtures.model(tok, 1)) {
            TestStepContext ctx =
                    TestStepContext.builder(dir).model("base", model).build();
            var e = assertThrows(
                    IllegalStateException.class,
                    () -> new InstructionTuneStageFactory()
                            .create(new InstructionTuneConfig("base", "c", null, 64, null, FAST), ctx));
            assertTrue(e.getMessage().contains("no curriculum phase"), e.getMessage());
        }
    }

    @Test
    void defaults_are_the_papers_instruction_tuning_settings() {
        InstructionTuneConfig c = new InstructionTuneConfig("m", "c", null, null, null, null);
        assertEquals(2e-5, c.optimizer().lr());
        assertEquals(8, c.optimizer().batchSize());
        assertEquals("cosine-with-restarts", c.optimizer().schedule());
        assertEquals(500, c.optimizer().warmupSteps());
        assertEquals(512, c.seqLen());
        assertEquals(
                1.0,
                c.optimizer().toOptimizerConfig().gradClip(),
                "keys the paper does not state take causal-lm's defaults");
        var bad = assertThrows(
                IllegalArgumentException.class,
                () -> new InstructionOptimizerConfig(null, 0, null, null, null, null, null, null, null));
        assertTrue(bad.getMessage().contains("optimizer.batch_size"), bad.getMessage());
    }
}
