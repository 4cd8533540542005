package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.babylab.plugins.eval.Fixtures;
import org.babylab.plugins.eval.MinimalPairsFactory;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.testkit.TestStepContext;
import org.babylab.toolkit.data.DataFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinimalPairsEvaluatorTest {
    @TempDir
    Path dir;

    private WordBigramModel model;

    @BeforeEach
    void setUp() throws Exception {
        // The model knows "the cat sat ." well; "sat the cat ." reverses its bigrams.
        model = Fixtures.model("the cat sat.", "the dog sat.", "the cat ran.", "A: Did you go?\nB: Yes, I did.");
        Fixtures.write(
                dir.resolve("pairs/agreement.jsonl"),
                "{\"sentence_good\": \"the cat sat.\", \"sentence_bad\": \"sat the cat.\", \"UID\": \"word_order\", \"field\": \"syntax\"}",
                "{\"sentence_good\": \"the dog sat.\", \"sentence_bad\": \"dog the sat.\", \"UID\": \"word_order\", \"field\": \"syntax\"}",
                // Two unknown words map to the same id: the sentences score identically, a tie.
                "{\"sentence_good\": \"the zebra sat.\", \"sentence_bad\": \"the yak sat.\", \"UID\": \"unknown_words\", \"field\": \"semantics\"}");
        // The supplement's format: no UID (taken from the file name), a newline inside a sentence.
        Fixtures.write(
                dir.resolve("pairs/turn_taking.jsonl"),
                "{\"sentence_good\": \"A: Did you go?\\nB: Yes, I did.\", \"sentence_bad\": \"A: Did you go?\\nB: Yes, you did.\"}");
    }

    private Fixtures.Run run(String ties) throws Exception {
        return Fixtures.run(
                new MinimalPairsEvaluator("blimp", new MinimalPairsConfig("pairs", ties), dir),
                model,
                dir.resolve("run-" + ties));
    }

    @Test
    void the_factory_reads_the_pairs_once_for_all_the_models_it_scores_and_each_model_scores_as_alone()
            throws Exception {
        MinimalPairsFactory factory = MinimalPairsFactory.blimp();
        MinimalPairsConfig config = new MinimalPairsConfig("pairs", null);
        WordBigramModel other = Fixtures.model("sat the cat.", "dog the sat.");
        Fixtures.Run first = Fixtures.run(
                factory.create(config, TestStepContext.builder(dir).baseDir(dir).build()), model, dir.resolve("m1"));
        Fixtures.Run second = Fixtures.run(
                factory.create(config, TestStepContext.builder(dir).baseDir(dir).build()), other, dir.resolve("m2"));
        assertTrue(
                first.log().stream().noneMatch(l -> l.contains("reusing")),
                first.log().toString());
        assertTrue(
                second.log().stream().anyMatch(l -> l.contains("pairs of pairs already read for another model")),
                second.log().toString());
        assertEquals(run(null).result(), first.result());
        Fixtures.Run alone = Fixtures.run(new MinimalPairsEvaluator("blimp", config, dir), other, dir.resolve("alone"));
        assertEquals(alone.result(), second.result());
        assertEquals(alone.predictions(), second.predictions());
        // An edited file is read again.
        Fixtures.write(
                dir.resolve("pairs/turn_taking.jsonl"),
                "{\"sentence_good\": \"the cat sat.\", \"sentence_bad\": \"cat the sat.\"}");
        Fixtures.Run edited = Fixtures.run(
                factory.create(config, TestStepContext.builder(dir).baseDir(dir).build()), model, dir.resolve("m3"));
        assertTrue(
                edited.log().stream().noneMatch(l -> l.contains("reusing")),
                edited.log().toString());
        assertEquals(
                "the cat sat.",
                edited.predictions().get(3).get("continuations") instanceof java.util.List<?> c ? c.get(0) : null);
    }

    @Test
    void accuracy_is_the_mean_over_uids_and_ties_are_counted_and_lost_by_default() throws Exception {
        Fixtures.Run r = run(null);
        Map<String, Map<String, Double>> g = r.result().groups();
        assertEquals(1.0, g.get("word_order").get("accuracy"));
        assertEquals(0.0, g.get("unknown_words").get("accuracy"));
        assertEquals(1.0, g.get("unknown_words").get("ties"));
        assertEquals(1.0, g.get("turn_taking").get("accuracy"));
        assertEquals(2.0 / 3, r.result().primary(), 1e-12);
        assertEquals(3.0 / 4, r.result().metrics().get("accuracy_micro"), 1e-12);
        assertEquals(1.0, r.result().metrics().get("ties"));
        assertEquals(4, r.result().items());
        assertEquals(1.0, g.get("field:syntax").get("accuracy"));
        assertEquals(0.0, g.get("field:semantics").get("accuracy"));
    }

    @Test
    void the_gold_tie_rule_reproduces_the_pipeline_and_both_numbers_are_always_reported() throws Exception {
        Fixtures.Run gold = run("gold");
        assertEquals(1.0, gold.result().primary(), 1e-12);
        assertEquals(2.0 / 3, gold.result().metrics().get("accuracy_ties_wrong"), 1e-12);
        Fixtures.Run wrong = run("wrong");
        assertEquals(1.0, wrong.result().metrics().get("accuracy_ties_gold"), 1e-12);
    }

    @Test
    void one_prediction_per_pair_records_scores_correctness_and_tie() throws Exception {
        Fixtures.Run r = run(null);
        assertEquals(4, r.predictions().size());
        Map<String, Object> tie = r.predictions().stream()
                .filter(p -> p.get("group").equals("unknown_words"))
                .findFirst()
                .orElseThrow();
        assertEquals(Boolean.TRUE, tie.get("tie"));
        assertEquals(Boolean.FALSE, tie.get("correct"));
        assertTrue(((String) tie.get("id")).startsWith("agreement:3"));
        assertEquals(2, ((java.util.List<?>) tie.get("scores")).size());
    }

    @Test
    void a_pair_missing_a_sentence_names_the_file_line_and_fields_present() throws Exception {
        Fixtures.write(dir.resolve("broken/x.jsonl"), "{\"sentence_good\": \"a\", \"UID\": \"u\"}");
        DataFormatException e = assertThrows(
                DataFormatException.class,
                () -> Fixtures.run(
                        new MinimalPairsEvaluator("minimal-pairs", new MinimalPairsConfig("broken", null), dir),
                        model,
                        dir.resolve("r")));
        assertTrue(
                e.getMessage()
                        .contains("x.jsonl:1: missing field 'sentence_bad'; fields present: [sentence_good, UID]"),
                e.getMessage());
    }
}
