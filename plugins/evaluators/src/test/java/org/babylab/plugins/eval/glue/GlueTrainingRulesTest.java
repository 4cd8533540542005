package org.babylab.plugins.eval.glue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.babylab.plugins.eval.glue.EpochHistory.EpochResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's training rules that decide the reported numbers: schedule, best epoch, metrics, data. */
class GlueTrainingRulesTest {

    @Test
    void warmup_is_linear_over_six_percent_then_cosine_falls_to_a_tenth() {
        WarmupCosine s = WarmupCosine.of(100, 0.06, 0.1);
        assertEquals(6, s.warmup());
        assertEquals(0.0, s.factor(0), 1e-15);
        assertEquals(3 / 6.0, s.factor(3), 1e-15);
        assertEquals(1.0, s.factor(6), 1e-15);
        // half way through the decay: 0.1 + 0.9 * 0.5 * (1 + cos(pi/2)) = 0.55
        assertEquals(0.55, s.factor(53), 1e-12);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 90 / 94.0)), s.factor(96), 1e-12);
        assertEquals(0.1, s.factor(100), 1e-12);
        assertEquals(0.1, s.factor(150), 1e-12, "past the end it stays at the floor");
        assertEquals(1, WarmupCosine.of(10, 0.06, 0.1).warmup(), "6% of 10 steps rounds up to one warm-up step");
    }

    @Test
    void the_best_epoch_has_the_highest_selection_metric_and_the_earliest_wins_ties() {
        List<EpochResult> e = List.of(
                new EpochResult(1, 0.7, 0.60, 0.50, 0.1),
                new EpochResult(2, 0.5, 0.70, 0.40, 0.2),
                new EpochResult(3, 0.4, 0.70, 0.55, 0.3),
                new EpochResult(4, 0.3, 0.65, 0.55, 0.25));
        assertEquals(1, EpochHistory.best(e, "accuracy"), "epoch 2 and 3 tie on accuracy: the earlier is kept");
        assertEquals(2, EpochHistory.best(e, "f1"), "epoch 3 and 4 tie on F1: the earlier is kept");
    }

    @Test
    void the_history_keeps_the_predictions_of_the_best_epoch_only() {
        EpochHistory h = EpochHistory.empty()
                .plus(
                        new EpochResult(1, 0.7, 0.5, 0.5, 0),
                        new int[] {0, 0},
                        new double[][] {{1, 0}, {1, 0}},
                        "accuracy")
                .plus(
                        new EpochResult(2, 0.6, 1.0, 1.0, 1),
                        new int[] {0, 1},
                        new double[][] {{1, 0}, {0, 1}},
                        "accuracy")
                .plus(
                        new EpochResult(3, 0.5, 0.5, 0.6, 0),
                        new int[] {1, 1},
                        new double[][] {{0, 1}, {0, 1}},
                        "accuracy");
        assertArrayEquals(new int[] {0, 1}, h.bestPredictions());
        assertEquals(3, h.completed());
    }

    @Test
    void history_survives_a_round_trip_through_its_file(@TempDir Path dir) throws Exception {
        EpochHistory h = EpochHistory.empty()
                .plus(
                        new EpochResult(1, 0.25, 0.5, 0.4, 0.1),
                        new int[] {1, 0},
                        new double[][] {{0.5, 1.5}, {2, -1}},
                        "f1");
        h.write(dir.resolve("h.json"));
        EpochHistory back = EpochHistory.read(dir.resolve("h.json"));
        assertEquals(h.epochs(), back.epochs());
        assertArrayEquals(h.bestPredictions(), back.bestPredictions());
        assertArrayEquals(h.bestLogits()[0], back.bestLogits()[0]);
    }

    @Test
    void accuracy_f1_and_mcc_match_hand_computation() {
        // gold 1 1 1 0 0 0 0 0, predicted 1 1 0 1 0 0 0 0: TP 2, FN 1, FP 1, TN 4
        ClassificationMetrics m =
                ClassificationMetrics.of(new int[] {1, 1, 1, 0, 0, 0, 0, 0}, new int[] {1, 1, 0, 1, 0, 0, 0, 0}, 2);
        assertEquals(6 / 8.0, m.accuracy(), 1e-15);
        assertEquals(2 * 2 / (2 * 2 + 1 + 1.0), m.f1(), 1e-15);
        assertEquals((2 * 4 - 1 * 1) / Math.sqrt(3.0 * 3 * 5 * 5), m.mcc(), 1e-12);
        ClassificationMetrics constant = ClassificationMetrics.of(new int[] {1, 0, 0}, new int[] {0, 0, 0}, 2);
        assertEquals(0.0, constant.mcc(), "MCC of a constant prediction is 0, not NaN");
        assertEquals(0.0, constant.f1());
        ClassificationMetrics three = ClassificationMetrics.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 1}, 3);
        // per-class F1: 1, 2/3, 2/3 -> mean 7/9
        assertEquals(7 / 9.0, three.f1(), 1e-12);
    }

    @Test
    void batches_cover_every_example_once_are_deterministic_and_grouped_by_length() {
        int[] lengths = new int[200];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 5 + (i * 37) % 90;
        }
        List<int[]> a = GlueEvaluator.batches(lengths, 8, 42, 3, true);
        List<int[]> b = GlueEvaluator.batches(lengths, 8, 42, 3, true);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "same seed and epoch, same batches");
        }
        int[] seen = new int[lengths.length];
        for (int[] batch : a) {
            for (int i : batch) {
                seen[i]++;
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every example once per epoch");
        long spreadGrouped = a.stream().mapToLong(x -> spread(x, lengths)).sum();
        long spreadShuffled = GlueEvaluator.batches(lengths, 8, 42, 3, false).stream()
                .mapToLong(x -> spread(x, lengths))
                .sum();
        assertTrue(
                spreadGrouped * 5 < spreadShuffled,
                "grouped batches hold similar lengths: " + spreadGrouped + " vs " + spreadShuffled);
        assertTrue(
                !Arrays.equals(
                        a.get(0), GlueEvaluator.batches(lengths, 8, 42, 4, true).get(0)),
                "each epoch reshuffles");
    }

    private static long spread(int[] batch, int[] lengths) {
        int max = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
        int min = Arrays.stream(batch).map(i -> lengths[i]).min().orElseThrow();
        return max - min;
    }

    @Test
    void each_task_maps_its_fields_as_the_pipeline_does(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("wsc.valid.jsonl"),
                "{\"text\": \"Joe saw him.\", \"span1_text\": \"Joe\", \"span2_text\": \"him\", \"label\": 0, \"idx\": 3}\n");
        GlueExample w = GlueData.read(dir.resolve("wsc.valid.jsonl"), GlueTask.WSC, null)
                .get(0);
        assertEquals("Does \"him\" refer to \"Joe\" in this passage?", w.first());
        assertEquals("Joe saw him.", w.second());
        Files.writeString(
                dir.resolve("multirc.valid.jsonl"),
                "{\"paragraph\": \"P.\", \"question\": \"Q?\", \"answer\": \"A\", \"label\": 1, \"idx\": {\"paragraph\": 1, \"question\": 2, \"answer\": 3}}\n");
        GlueExample m = GlueData.read(dir.resolve("multirc.valid.jsonl"), GlueTask.MULTIRC, null)
                .get(0);
        assertEquals("Question: Q? Answer: A", m.first());
        assertEquals("P.", m.second());
        assertEquals("{\"paragraph\":1,\"question\":2,\"answer\":3}", m.item());
        Files.writeString(
                dir.resolve("mnli.valid.jsonl"), "{\"premise\": \"p\", \"hypothesis\": \"h\", \"label\": 3}\n");
        Exception e = assertThrows(
                RuntimeException.class, () -> GlueData.read(dir.resolve("mnli.valid.jsonl"), GlueTask.MNLI, null));
        assertTrue(e.getMessage().contains("mnli.valid.jsonl") && e.getMessage().contains("[0, 3)"), e.getMessage());
    }

    @Test
    void a_missing_train_file_is_named(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("boolq.valid.jsonl"), "{}\n");
        GlueConfig c = new GlueConfig(
                "boolq",
                dir.toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        Exception e = assertThrows(NoSuchFileException.class, () -> new GlueFactory().inputFiles(c, dir));
        assertTrue(e.getMessage().contains("boolq.train.jsonl"), e.getMessage());
        assertEquals(16, c.batchSize(), "boolq's default batch");
        assertEquals(10, c.epochs());
        assertEquals(
                30,
                new GlueConfig(
                                "wsc", "x", null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null)
                        .epochs());
    }

    @Test
    void a_training_sample_is_seeded_and_keeps_file_order() {
        List<GlueExample> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(new GlueExample(Integer.toString(i), "f:" + i, "a", "b", i % 2));
        }
        List<GlueExample> s = GlueData.sample(all, 10, 42);
        assertEquals(s, GlueData.sample(all, 10, 42));
        assertTrue(!s.equals(GlueData.sample(all, 10, 43)));
        for (int i = 1; i < s.size(); i++) {
            assertTrue(Integer.parseInt(s.get(i - 1).item())
                    < Integer.parseInt(s.get(i).item()));
        }
        assertEquals(all, GlueData.sample(all, 1000, 42));
    }

    /** One token per character (id = the char), BOS 1: enough to see what goes between the two texts. */
    private static final org.babylab.api.model.Tokenizer CHARS = new org.babylab.api.model.Tokenizer() {
        @Override
        public org.babylab.api.model.Encoding encode(String text) {
            int[] ids = text.chars().toArray();
            int[] starts = java.util.stream.IntStream.range(0, ids.length).toArray();
            int[] ends = java.util.stream.IntStream.range(1, ids.length + 1).toArray();
            return new org.babylab.api.model.Encoding(ids, starts, ends);
        }

        @Override
        public String decode(int[] ids) {
            return new String(ids, 0, ids.length);
        }

        @Override
        public int vocabSize() {
            return 128;
        }

        @Override
        public java.util.OptionalInt bosId() {
            return java.util.OptionalInt.of(1);
        }

        @Override
        public java.util.OptionalInt eosId() {
            return java.util.OptionalInt.empty();
        }

        @Override
        public void save(Path dir) {
            throw new UnsupportedOperationException("not saved in this test");
        }
    };

    @Test
    void joined_pairs_keep_a_space_between_the_texts_and_separate_pairs_concatenate_the_two_encodings() {
        List<GlueExample> one = List.of(new GlueExample("0", "t.jsonl:1", "ab", "cd", 1));
        assertArrayEquals(
                new int[] {1, 'a', 'b', ' ', 'c', 'd'},
                GlueEvaluator.encode(one, CHARS, 512, true, PairEncoding.JOINED).get(0));
        assertArrayEquals(
                new int[] {1, 'a', 'b', 'c', 'd'},
                GlueEvaluator.encode(one, CHARS, 512, true, PairEncoding.SEPARATE)
                        .get(0));
        assertArrayEquals(
                new int[] {'a', 'b', 'c', 'd'},
                GlueEvaluator.encode(one, CHARS, 512, false, PairEncoding.SEPARATE)
                        .get(0));
        assertArrayEquals(
                new int[] {1, 'a', 'b'},
                GlueEvaluator.encode(one, CHARS, 3, true, PairEncoding.JOINED).get(0),
                "right-truncated after BOS");
    }

    @Test
    void an_unknown_pair_encoding_lists_the_valid_ones() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new GlueConfig(
                        "rte", "x", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, "concat"));
        assertTrue(e.getMessage().contains("joined, separate"), e.getMessage());
    }
}
