package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.babylab.plugins.llama.train.GradientStep;
import org.junit.jupiter.api.Test;

class TrainingMemoryEstimateTest {
    private static final LlamaArchitecture SMALL =
            new LlamaArchitecture(16_384, 512, 8, 8, 8, 1_376, 1_024, 1e4, 1e-6, 0.02);

    @Test
    void the_loss_head_is_bounded_by_one_chunk_of_logits_however_many_tokens() {
        long perRow = LlamaModelFactory.trainingBytes(SMALL, 5, 512) - LlamaModelFactory.trainingBytes(SMALL, 4, 512);
        long decoderPerRow = 512L * SMALL.layers() * (16L * SMALL.hiddenSize() + 4L * SMALL.heads() * 512) * 4;
        // 4 rows of 512 tokens already have more logits than a chunk: another row adds decoder activations only.
        assertEquals(decoderPerRow, perRow);
        long lossHead =
                LlamaModelFactory.trainingBytes(SMALL, 8, 512) - 16 * SMALL.parameterCount() - 8 * decoderPerRow;
        assertEquals(3 * GradientStep.LOSS_CHUNK_FLOATS * 4, lossHead);
    }

    @Test
    void a_small_batch_counts_its_whole_logits_when_they_fit_in_a_chunk() {
        long tokens = 4;
        long lossHead = LlamaModelFactory.trainingBytes(SMALL, 1, 4)
                - 16 * SMALL.parameterCount()
                - tokens * SMALL.layers() * (16L * SMALL.hiddenSize() + 4L * SMALL.heads() * 4) * 4;
        assertEquals(3 * tokens * SMALL.vocabSize() * 4, lossHead);
        assertTrue(lossHead < 3 * GradientStep.LOSS_CHUNK_FLOATS * 4);
    }
}
