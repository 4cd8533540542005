package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.babylab.plugins.eval.Fixtures;
import org.babylab.plugins.eval.WordBigramModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialoguePairsEvaluatorTest {
    @TempDir
    Path dir;

    @Test
    void the_chosen_reply_must_score_higher_after_the_prompt_in_a_json_array_file() throws Exception {
        WordBigramModel model =
                Fixtures.model("*MOT: are you green ? *CHI: I am blue .", "*MOT: is it ? *CHI: I am red .");
        Fixtures.write(
                dir.resolve("eval.json"),
                "[",
                "  {\"prompt\": \"*MOT: are you green ?\", \"chosen\": \"*CHI: I am blue .\", \"rejected\": \"*CHI: blue am I .\"},",
                "  {\"prompt\": \"*MOT: is it ?\", \"chosen\": \"*CHI: red am I .\", \"rejected\": \"*CHI: I am red .\"}",
                "]");
        Fixtures.Run r = Fixtures.run(
                new DialoguePairsEvaluator(new MinimalPairsConfig("eval.json", null), dir), model, dir.resolve("run"));
        assertEquals(0.5, r.result().primary(), 1e-12);
        assertEquals(2, r.result().items());
        assertEquals("eval:2", r.predictions().get(0).get("id"));
    }
}
