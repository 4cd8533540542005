package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.babylab.api.model.LanguageModel;
import org.babylab.plugins.eval.CharBigramModel;
import org.babylab.plugins.eval.Fixtures;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.RequestEncoder;
import org.babylab.toolkit.scoring.ScoringRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task rules on which {@code rules: babylab} (default) and {@code rules: pipeline} differ, each
 * pinned for both variants on hand-made items.
 */
class PipelineTaskRulesTest {
    @TempDir
    Path dir;

    /** log P(seq[last] | seq[..last]) read from the model directly, the hand computation. */
    private static double lastLogProb(LanguageModel model, int... seq) {
        double[] lp = model.logProbs(List.of(seq)).get(0);
        return lp[lp.length - 1];
    }

    private static int[] chars(String s) {
        return s.chars().toArray();
    }

    @Test
    void reading_surprisal_is_the_joint_space_word_score_by_default_and_get_p2_under_pipeline_rules() {
        CharBigramModel model = new CharBigramModel(List.of("the cat sat on the mat.", "thecat"), true, 64, 64);
        // BabyLab: -log P(" cat" | "the") on one joint encoding, BOS in front.
        ContinuationScorer babylab = new ContinuationScorer(
                model,
                org.babylab.api.step.ProgressReporter.none(),
                new RequestEncoder(model, ScoringRules.BABYLAB, null));
        double ours = -babylab.score(List.of(new org.babylab.toolkit.scoring.ContinuationRequest("the", " cat")))
                .get(0)
                .logProb();
        int bos = model.tokenizer().bosId().getAsInt();
        double expectedOurs = -(lastLogProb(model, bos, 't', 'h', 'e', ' ')
                + lastLogProb(model, bos, 't', 'h', 'e', ' ', 'c')
                + lastLogProb(model, bos, 't', 'h', 'e', ' ', 'c', 'a')
                + lastLogProb(model, bos, 't', 'h', 'e', ' ', 'c', 'a', 't'));
        assertEquals(expectedOurs, ours, 1e-12);

        // Pipeline get_p2: "cat" without a space, tokenized alone; each piece after the growing
        // string "the", "thec", "theca" (no BOS: the exported tokenizer adds none); fp32 probabilities multiplied.
        ContinuationScorer pipeline = new ContinuationScorer(
                model,
                org.babylab.api.step.ProgressReporter.none(),
                new RequestEncoder(model, ScoringRules.PIPELINE, null));
        double theirs = PipelineWordSurprisal.surprisals(
                List.of(new PipelineWordSurprisal.Query("the", "cat")), pipeline, model.tokenizer(), 64)[0];
        double p = (float) Math.exp(lastLogProb(model, chars("thec")));
        p *= (float) Math.exp(lastLogProb(model, chars("theca")));
        p *= (float) Math.exp(lastLogProb(model, chars("thecat")));
        assertEquals(-Math.log(p), theirs, 1e-12);
        assertNotEquals(ours, theirs, 0.1);
    }

    @Test
    void the_none_previous_context_is_kept_by_default_and_missing_under_pipeline_rules() throws Exception {
        String header = ",item,word,word2,sentence,context_length,sent_id,item_id,list,Subtlex_log10,length,"
                + "RTfirstfix,RTfirstpass,RTgopast,RTrightbound,self_paced_reading_time,ELAN,LAN,N400,P600,EPNP,PNP,prev_word,prev_item,prev_length";
        Path csv = Fixtures.write(
                dir.resolve("r.csv"),
                header,
                "0,None of,the,THE,None of the city people.,2,1,1,1,14.2,3,90,100,100,100,245,0,0,0,0,0,0,of,None,2",
                "1,NA,of,OF,NA of them.,1,1,1,1,14.2,2,90,100,100,100,245,0,0,0,0,0,0,,,-1");
        List<ReadingRow> ours = ReadingData.read(csv, false);
        assertEquals("None", ours.get(0).previousContext());
        assertEquals("NA", ours.get(1).context());
        List<ReadingRow> pandas = ReadingData.read(csv, true);
        assertNull(pandas.get(0).previousContext(), "pandas reads the string None as a missing value");
        assertEquals("None", pandas.get(1).context(), "the pipeline's fillna(\"None\") on item");
    }

    @Test
    void wug_ranks_log_odds_by_default_and_the_saturating_fp32_softmax_under_pipeline_rules() {
        assertEquals(1.0, WugAdjectivesEvaluator.softmaxFirstFp32(-10, -26.7), 0.0, "fp32 saturates beyond ~16.6 nats");
        assertTrue(WugAdjectivesEvaluator.softmaxFirstFp32(-10, -26.5) < 1.0);
        assertTrue(WugAdjectivesEvaluator.softmaxFirst(-10, -40) < 1.0, "double does not saturate at 30 nats");
        double[] logOdds = {17, 18, 20, -1};
        double[] human = {0.2, 0.5, 0.9, 0.1};
        double[] fp32 = Arrays.stream(logOdds)
                .map(d -> WugAdjectivesEvaluator.softmaxFirstFp32(d, 0))
                .toArray();
        assertEquals(100.0, WugAdjectivesEvaluator.spearmanX100(logOdds, human), 1e-9);
        // The three saturated items tie at rank 3: rho = 0.7746 x 100.
        assertEquals(100 * 0.7745966692414834, WugAdjectivesEvaluator.spearmanX100(fp32, human), 1e-9);
    }

    @Test
    void dialogue_pairs_compare_reply_sums_by_default_and_whole_text_means_under_pipeline_rules() throws Exception {
        String[] corpus = new String[6];
        Arrays.fill(corpus, "*MOT: where is it ? *CHI: the cat sat on the mat .");
        WordBigramModel model = Fixtures.model(corpus);
        Fixtures.write(
                dir.resolve("eval.json"),
                "[",
                "  {\"prompt\": \"*MOT: where is it ?\", \"chosen\": \"*CHI: the cat sat on the mat .\", \"rejected\": \"*CHI: no .\"}",
                "]");
        Fixtures.Run ours = Fixtures.run(
                new DialoguePairsEvaluator(new MinimalPairsConfig("eval.json", null), dir), model, dir.resolve("a"));
        Fixtures.Run theirs = Fixtures.run(
                new DialoguePairsEvaluator(new MinimalPairsConfig("eval.json", null, "pipeline", null), dir),
                model,
                dir.resolve("b"));
        assertEquals(0.0, ours.result().primary(), "the short reply has the larger summed log-prob");
        assertEquals(1.0, theirs.result().primary(), "the long reply has the larger mean over prompt + reply");
        assertEquals("*MOT: where is it ?", ours.predictions().get(0).get("context"));
        assertEquals(
                List.of(" *CHI: the cat sat on the mat .", " *CHI: no ."),
                ours.predictions().get(0).get("continuations"));
        assertEquals("", theirs.predictions().get(0).get("context"));
    }

    @Test
    void blimp_fields_merge_both_spellings_and_term_groups_report_uid_means_or_item_weighted_accuracy()
            throws Exception {
        WordBigramModel model = Fixtures.model("the cat sat.", "the dog sat.");
        Fixtures.write(
                dir.resolve("pairs/a.jsonl"),
                "{\"sentence_good\": \"the cat sat.\", \"sentence_bad\": \"sat the cat.\", \"UID\": \"a\", \"field\": \"syntax_semantics\", \"linguistics_term\": \"order\"}");
        Fixtures.write(
                dir.resolve("pairs/b.jsonl"),
                "{\"sentence_good\": \"sat the dog.\", \"sentence_bad\": \"the dog sat.\", \"UID\": \"b\", \"field\": \"syntax/semantics\", \"linguistics_term\": \"order\"}",
                "{\"sentence_good\": \"sat the cat.\", \"sentence_bad\": \"the cat sat.\", \"UID\": \"b\", \"field\": \"syntax/semantics\", \"linguistics_term\": \"order\"}",
                "{\"sentence_good\": \"the dog sat.\", \"sentence_bad\": \"dog the sat.\", \"UID\": \"b\", \"field\": \"syntax/semantics\", \"linguistics_term\": \"order\"}");
        Map<String, Map<String, Double>> ours = Fixtures.run(
                        new MinimalPairsEvaluator("blimp", new MinimalPairsConfig("pairs", null), dir),
                        model,
                        dir.resolve("a"))
                .result()
                .groups();
        Map<String, Map<String, Double>> theirs = Fixtures.run(
                        new MinimalPairsEvaluator(
                                "blimp", new MinimalPairsConfig("pairs", null, "pipeline", null), dir),
                        model,
                        dir.resolve("b"))
                .result()
                .groups();
        assertTrue(!ours.containsKey("field:syntax_semantics"), ours.keySet().toString());
        // UID a: 1/1, UID b: 1/3. Mean over UIDs 2/3; item-weighted 2/4.
        for (String g : List.of("field:syntax/semantics", "linguistics_term:order")) {
            assertEquals(2.0 / 3, ours.get(g).get("accuracy"), 1e-12);
            assertEquals(0.5, ours.get(g).get("accuracy_items"), 1e-12);
            assertEquals(0.5, theirs.get(g).get("accuracy"), 1e-12);
            assertEquals(2.0 / 3, theirs.get(g).get("accuracy_uid_mean"), 1e-12);
        }
    }

    @Test
    void ewok_reports_the_pipelines_context_type_and_contrast_breakdowns() throws Exception {
        String line1 =
                "{\"Domain\": \"social\", \"ContextType\": \"agent\", \"ContextDiff\": \"x\", \"TargetDiff\": \"y\", \"Context1\": \"the cat sat.\", \"Context2\": \"z\", \"Target1\": \"the cat ran.\", \"Target2\": \"ran cat the.\"}";
        String line2 =
                "{\"Domain\": \"social\", \"ContextType\": \"object\", \"ContextDiff\": \"x\", \"TargetDiff\": \"y\", \"Context1\": \"the dog ran.\", \"Context2\": \"z\", \"Target1\": \"ran cat the.\", \"Target2\": \"the cat ran.\"}";
        Fixtures.write(dir.resolve("ewok/social.jsonl"), line1, line2);
        WordBigramModel model = Fixtures.model("the cat sat.", "the cat ran.", "the dog ran.");
        Map<String, Map<String, Double>> g = Fixtures.run(
                        new EwokEvaluator(new ZippedTaskConfig("ewok", null, null), dir), model, dir.resolve("run"))
                .result()
                .groups();
        assertEquals(1.0, g.get("context_type:agent").get("accuracy"));
        assertEquals(0.0, g.get("context_type:object").get("accuracy"));
        assertEquals(0.5, g.get("context_contrast:x").get("accuracy"));
        assertEquals(0.5, g.get("target_contrast:y").get("accuracy"));
        assertEquals(0.5, g.get("social").get("accuracy"));
    }
}
