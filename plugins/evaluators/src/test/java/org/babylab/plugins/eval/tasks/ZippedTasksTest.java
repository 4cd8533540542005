package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.plugins.eval.Fixtures;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.toolkit.choice.AccuracyTally;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.choice.ItemResult;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EWoK and entity tracking on small password-protected zips built in the test. */
class ZippedTasksTest {
    @TempDir
    Path dir;

    @Test
    void ewok_conditions_both_targets_on_context1_and_averages_over_domains() throws Exception {
        String line1 =
                "{\"Domain\": \"social\", \"Context1\": \"the cat sat.\", \"Context2\": \"the dog ran.\", \"Target1\": \"the cat ran.\", \"Target2\": \"ran cat the.\"}";
        String line2 =
                "{\"Domain\": \"social\", \"Context1\": \"the dog ran.\", \"Context2\": \"the cat sat.\", \"Target1\": \"ran cat the.\", \"Target2\": \"the cat ran.\"}";
        String line3 =
                "{\"Domain\": \"physical\", \"Context1\": \"the dog sat.\", \"Context2\": \"x\", \"Target1\": \"the dog sat.\", \"Target2\": \"sat dog the.\"}";
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("ewok/social.jsonl", line1 + "\n" + line2 + "\n");
        entries.put("ewok/physical.jsonl", line3 + "\n");
        Fixtures.encryptedZip(dir.resolve("ewok.zip"), "pw", entries);
        WordBigramModel model = Fixtures.model("the cat sat.", "the dog sat.", "the cat ran.", "the dog ran.");

        Fixtures.Run r = Fixtures.run(
                new EwokEvaluator(new ZippedTaskConfig("ewok.zip", "pw", null), dir), model, dir.resolve("run"));
        assertEquals(0.5, r.result().groups().get("social").get("accuracy"));
        assertEquals(1.0, r.result().groups().get("physical").get("accuracy"));
        assertEquals(0.75, r.result().primary(), 1e-12);
        assertEquals(3, r.predictions().size());
        assertTrue(
                r.log().stream().anyMatch(l -> l.startsWith("ewok: scored 6 requests")),
                r.log().toString());
    }

    @Test
    void entity_tracking_prefers_the_option_the_model_expects_after_the_prefix() throws Exception {
        String item =
                "{\"numops\": 1, \"input_prefix\": \"Box 1 contains \", \"options\": [\"the hat.\", \"the map.\", \"nothing.\"]}";
        String hard =
                "{\"numops\": 2, \"input_prefix\": \"Box 2 contains \", \"options\": [\"the map.\", \"the hat.\"]}";
        Fixtures.encryptedZip(
                dir.resolve("et.zip"), "pw", Map.of("entity_tracking/regular.jsonl", item + "\n" + hard + "\n"));
        WordBigramModel model = Fixtures.model("Box 1 contains the hat.", "Box 2 contains the hat.", "the hat.");
        Fixtures.Run r = Fixtures.run(
                new EntityTrackingEvaluator(new ZippedTaskConfig("et.zip", "pw", null), dir),
                model,
                dir.resolve("run"));
        assertEquals(1.0, r.result().groups().get("regular/numops=1").get("accuracy"));
        assertEquals(0.0, r.result().groups().get("regular/numops=2").get("accuracy"));
        assertEquals(0.5, r.result().groups().get("regular").get("accuracy"));
        assertEquals(0.5, r.result().primary(), 1e-12);
    }

    private static ItemResult result(String group, boolean correct) {
        ChoiceItem item = new ChoiceItem(
                "i", group, List.of(ContinuationRequest.wholeText("a"), ContinuationRequest.wholeText("b")));
        double gold = correct ? -1 : -3;
        return ItemResult.of(item, List.of(new ContinuationScore(gold, 1, false), new ContinuationScore(-2, 1, false)));
    }

    /**
     * File A: numops 0 has 2/2 correct, numops 1 has 1/4, so A = (1 + 0.25) / 2 = 0.625.
     * File B: numops 0 has 0/1, so B = 0. Overall = (0.625 + 0) / 2 = 0.3125, while the
     * item-weighted accuracy is 3/7.
     */
    @Test
    void entity_tracking_averages_numops_within_each_file_then_files() {
        Map<String, AccuracyTally> tallies = new LinkedHashMap<>();
        List<ItemResult> results = List.of(
                result("A/numops=0", true),
                result("A/numops=0", true),
                result("A/numops=1", true),
                result("A/numops=1", false),
                result("A/numops=1", false),
                result("A/numops=1", false),
                result("B/numops=0", false));
        for (ItemResult r : results) {
            tallies.computeIfAbsent(r.item().group(), g -> new AccuracyTally()).add(r);
        }
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        Map<String, Double> overall = EntityTrackingEvaluator.aggregate(tallies, TieRule.WRONG, groups);
        assertEquals(0.625, groups.get("A").get("accuracy"), 1e-12);
        assertEquals(0.0, groups.get("B").get("accuracy"), 1e-12);
        assertEquals(0.3125, overall.get("accuracy"), 1e-12);
        assertEquals(3.0 / 7, overall.get("accuracy_micro"), 1e-12);
        assertEquals(7.0, overall.get("items"));
    }
}
