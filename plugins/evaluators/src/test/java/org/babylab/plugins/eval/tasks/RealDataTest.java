package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.plugins.eval.CharBigramModel;
import org.babylab.plugins.eval.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every evaluator on its real BabyLM 2025 file, read in place from ../shared/data, scored by a
 * character bigram model trained on a short fixed English text. The checks are sanity checks
 * (counts known from the files, rates in range, the weak model above chance where it should be),
 * not reference numbers.
 */
class RealDataTest {
    private static final String ENGLISH = """
            The children were playing in the garden while their mother read a book. Who did you see at the park yesterday?
            She has been reading the newspaper every morning. Those boys are going to the market with their father.
            There were many people at the party, and everyone seemed happy. He should not have eaten all of the cake.
            Box 1 contains the hat and the map. The cat is sitting on the mat because it is warm. I am trying, old man.
            What did the teacher say about the test? These dogs were barking at the mailman again.
            """;
    private static Path data;
    private static CharBigramModel model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        data = Fixtures.sharedData().resolve("babylm2025_full_eval");
        model = new CharBigramModel(List.of(ENGLISH.split("\n")), true, 4096, 8192);
    }

    private static void assumeData(Path p) {
        Assumptions.assumeTrue(Files.exists(p), "../shared/data not present: skipping real-data test (" + p + ")");
    }

    private static void assertRate(double v, String what) {
        assertTrue(v >= 0 && v <= 1, what + " = " + v);
    }

    @Test
    void blimp_one_paradigm_runs_and_beats_chance() throws Exception {
        Path file = data.resolve("blimp_filtered/determiner_noun_agreement_1.jsonl");
        assumeData(file);
        EvaluationResult r = Fixtures.run(
                        new MinimalPairsEvaluator("blimp", new MinimalPairsConfig(file.toString(), null), tmp),
                        model,
                        tmp.resolve("run"))
                .result();
        assertTrue(r.items() > 500, "items " + r.items());
        assertEquals(
                List.of(
                        "determiner_noun_agreement_1",
                        "field:morphology",
                        "linguistics_term:determiner_noun_agreement"),
                List.copyOf(r.groups().keySet()));
        assertRate(r.primary(), "accuracy");
    }

    @Test
    @Tag("slow")
    void blimp_all_paradigms_give_67_uids_and_59875_pairs() throws Exception {
        Path dir = data.resolve("blimp_filtered");
        assumeData(dir);
        EvaluationResult r = Fixtures.run(
                        new MinimalPairsEvaluator("blimp", new MinimalPairsConfig(dir.toString(), null), tmp),
                        model,
                        tmp.resolve("run"))
                .result();
        assertEquals(59_875, r.items());
        assertEquals(
                67, r.groups().keySet().stream().filter(g -> !g.contains(":")).count());
        assertRate(r.primary(), "accuracy");
        // A character bigram gives anagram-like pairs identical scores: ties exist on real BLiMP and
        // only the pipeline-compatible rule turns them into wins.
        assertTrue(r.metrics().get("ties") > 0, r.metrics().toString());
        assertTrue(
                r.metrics().get("accuracy_ties_gold") > r.metrics().get("accuracy_ties_wrong"),
                r.metrics().toString());
    }

    @Test
    void blimp_supplement_takes_uids_from_file_names() throws Exception {
        Path dir = data.resolve("supplement_filtered");
        assumeData(dir);
        EvaluationResult r = Fixtures.run(
                        new MinimalPairsEvaluator("blimp", new MinimalPairsConfig(dir.toString(), "gold"), tmp),
                        model,
                        tmp.resolve("run"))
                .result();
        assertEquals(842 + 64 + 165 + 3867 + 280, r.items());
        assertEquals(
                List.of(
                        "hypernym",
                        "qa_congruence_easy",
                        "qa_congruence_tricky",
                        "subject_aux_inversion",
                        "turn_taking"),
                List.copyOf(r.groups().keySet()));
        assertRate(r.primary(), "accuracy");
    }

    @Test
    void ewok_reads_the_encrypted_zip_in_place_and_reports_11_domains() throws Exception {
        Path zip = data.resolve("ewok_filtered.zip");
        assumeData(zip);
        Fixtures.Run run = Fixtures.run(
                new EwokEvaluator(new ZippedTaskConfig(zip.toString(), "BabyLM2025", null), tmp),
                model,
                tmp.resolve("run"));
        EvaluationResult r = run.result();
        assertEquals(7_618, r.items());
        assertEquals(
                11,
                r.groups().keySet().stream().filter(g -> !g.contains(":")).count(),
                r.groups().keySet().toString());
        assertTrue(
                r.groups().keySet().stream().anyMatch(g -> g.startsWith("context_type:")),
                r.groups().keySet().toString());
        assertRate(r.primary(), "accuracy");
        // Every item is also written swapped, so a model that ignores the context scores exactly 50%
        // on the raw score, ties aside; the bigram (context hardly matters) must be near that.
        assertTrue(Math.abs(r.metrics().get("accuracy_ties_gold") - 0.5) < 0.1, "accuracy " + r.metrics());
    }

    @Test
    void entity_tracking_reports_three_files_and_their_numops_groups() throws Exception {
        Path zip = data.resolve("entity_tracking.zip");
        assumeData(zip);
        EvaluationResult r = Fixtures.run(
                        new EntityTrackingEvaluator(new ZippedTaskConfig(zip.toString(), "iamnotaLM", null), tmp),
                        model,
                        tmp.resolve("run"))
                .result();
        assertEquals(3152 + 3224 + 3107, r.items());
        for (String f : List.of("regular", "ambiref", "move_contents")) {
            assertRate(r.groups().get(f).get("accuracy"), f);
        }
        assertTrue(r.groups().keySet().stream().anyMatch(g -> g.startsWith("regular/numops=")));
        assertRate(r.primary(), "accuracy");
    }

    @Test
    void wug_adjectives_gives_a_correlation_in_range() throws Exception {
        Path file = data.resolve("wug_adj_nominalization/wug_adj_nominalization.jsonl");
        assumeData(file);
        EvaluationResult r = Fixtures.run(
                        new WugAdjectivesEvaluator(new PathConfig(file.toString()), tmp), model, tmp.resolve("run"))
                .result();
        assertEquals(200, r.items());
        assertTrue(Math.abs(r.primary()) <= 100, "spearman " + r.primary());
    }

    @Test
    void reading_times_fits_all_regressions_on_the_real_csv() throws Exception {
        Path csv = data.resolve("reading/reading_data.csv");
        assumeData(csv);
        EvaluationResult r = Fixtures.run(
                        new ReadingTimesEvaluator(new PathConfig(csv.toString()), tmp), model, tmp.resolve("run"))
                .result();
        assertEquals(1726, r.items());
        Map<String, Double> ff = r.groups().get("RTfirstfix");
        assertEquals(1726 - 30, ff.get("rows"), "rows without Subtlex_log10 leave the eye-tracking fits");
        assertTrue(r.groups().get("self_paced_reading_time").get("rows") < ff.get("rows"));
        for (Map<String, Double> g : r.groups().values()) {
            assertTrue(g.get("r2_full") >= g.get("r2_base") - 1e-12 && g.get("r2_base") > 0, g.toString());
        }
        assertTrue(Double.isFinite(r.primary()) && Double.isFinite(r.metrics().get("self_paced_reading_score")));
        assertEquals(0.0, r.metrics().get("rows_without_surprisal"));
    }

    @Test
    void reading_times_under_pipeline_rules_drops_the_none_row_from_self_paced_reading_and_changes_surprisals()
            throws Exception {
        Path csv = data.resolve("reading/reading_data.csv");
        assumeData(csv);
        Fixtures.Run ours =
                Fixtures.run(new ReadingTimesEvaluator(new PathConfig(csv.toString()), tmp), model, tmp.resolve("a"));
        Fixtures.Run theirs = Fixtures.run(
                new ReadingTimesEvaluator(new PathConfig(csv.toString(), "pipeline", null), tmp),
                model,
                tmp.resolve("b"));
        double oursRows = ours.result().groups().get("self_paced_reading_time").get("rows");
        double theirRows =
                theirs.result().groups().get("self_paced_reading_time").get("rows");
        assertEquals(
                oursRows - 1,
                theirRows,
                "CSV line 973 (previous context \"None\") leaves the pipeline's self-paced fit");
        System.out.printf(
                "reading times, char bigram: eye tracking %.4f (babylab) %.4f (pipeline); self-paced %.4f / %.4f%n",
                ours.result().primary(),
                theirs.result().primary(),
                ours.result().metrics().get("self_paced_reading_score"),
                theirs.result().metrics().get("self_paced_reading_score"));
    }

    @Test
    void dialogue_pairs_under_pipeline_rules_judge_whole_text_means_and_some_pairs_change() throws Exception {
        Path file = Fixtures.sharedData().resolve("dialogue_dpo/eval.json");
        assumeData(file);
        Fixtures.Run ours = Fixtures.run(
                new DialoguePairsEvaluator(new MinimalPairsConfig(file.toString(), null), tmp),
                model,
                tmp.resolve("a"));
        Fixtures.Run theirs = Fixtures.run(
                new DialoguePairsEvaluator(new MinimalPairsConfig(file.toString(), null, "pipeline", null), tmp),
                model,
                tmp.resolve("b"));
        int differ = 0;
        for (int i = 0; i < ours.predictions().size(); i++) {
            if (!ours.predictions()
                    .get(i)
                    .get("correct")
                    .equals(theirs.predictions().get(i).get("correct"))) {
                differ++;
            }
        }
        System.out.printf(
                "dialogue pairs, char bigram: accuracy %.4f (babylab) %.4f (pipeline); %d of %d pairs judged differently%n",
                ours.result().primary(),
                theirs.result().primary(),
                differ,
                ours.predictions().size());
        assertTrue(differ > 0, "the two rules must disagree on some real pairs");
    }

    @Test
    void wug_under_pipeline_rules_reports_the_fp32_softmax_correlation() throws Exception {
        Path file = data.resolve("wug_adj_nominalization/wug_adj_nominalization.jsonl");
        assumeData(file);
        EvaluationResult ours = Fixtures.run(
                        new WugAdjectivesEvaluator(new PathConfig(file.toString()), tmp), model, tmp.resolve("a"))
                .result();
        EvaluationResult theirs = Fixtures.run(
                        new WugAdjectivesEvaluator(new PathConfig(file.toString(), "pipeline", null), tmp),
                        model,
                        tmp.resolve("b"))
                .result();
        // Each rule set reports both rank statistics; its primary is its own (pipeline rules also drop BOS).
        assertEquals(theirs.metrics().get("spearman_x100_fp32_softmax"), theirs.primary(), 1e-12);
        assertEquals(ours.metrics().get("spearman_x100_log_odds"), ours.primary(), 1e-12);
        System.out.printf(
                "wug, char bigram: babylab %.4f (fp32 softmax on the same scores %.4f); pipeline %.4f%n",
                ours.primary(), ours.metrics().get("spearman_x100_fp32_softmax"), theirs.primary());
    }

    @Test
    void dialogue_pairs_reads_the_json_array() throws Exception {
        Path file = Fixtures.sharedData().resolve("dialogue_dpo/eval.json");
        assumeData(file);
        EvaluationResult r = Fixtures.run(
                        new DialoguePairsEvaluator(new MinimalPairsConfig(file.toString(), null), tmp),
                        model,
                        tmp.resolve("run"))
                .result();
        assertEquals(7548, r.items());
        assertRate(r.primary(), "accuracy");
    }
}
