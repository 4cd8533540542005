package org.babylab.plugins.llama.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.preference.StepMetrics;
import org.babylab.plugins.llama.train.CausalLmTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** instruction-tune writes one metrics row per optimiser step; the last row's loss is the phase's final loss. */
class InstructionMetricsTest {
    @Test
    void one_row_per_step_ending_with_the_final_loss(@TempDir Path dir) throws Exception {
        List<Double> losses = new ArrayList<>();
        List<String> log = new ArrayList<>();
        try (LlamaModel unused = InstructionResumeAfterKillTest.train(dir, (s, l) -> losses.add(l), log::add)) {
            StepMetrics metrics = new StepMetrics(dir, CausalLmTrainer.METRICS_FILE);
            List<Double> rows = metrics.series("loss");
            assertEquals(losses.size(), rows.size(), "one row per step");
            double last = losses.get(losses.size() - 1);
            assertEquals(last, rows.get(rows.size() - 1), Math.abs(last) * 1e-5);
            // instruction-tune logs "finished N steps, last loss %.4f" with the loop's last loss.
            assertEquals(String.format("%.4f", last), String.format("%.4f", rows.get(rows.size() - 1)));
            List<Double> tokens = metrics.series("tokens");
            for (int i = 1; i < tokens.size(); i++) {
                assertTrue(tokens.get(i) > tokens.get(i - 1), "reply tokens trained on grow every step: " + tokens);
            }
            assertTrue(metrics.series("grad_norm").stream().allMatch(g -> g > 0));
            assertTrue(metrics.series("lr").size() == rows.size());
        }
    }
}
