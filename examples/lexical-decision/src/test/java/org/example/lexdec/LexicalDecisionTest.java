package org.example.lexdec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.testkit.CharBigramModel;
import org.babylab.testkit.ConfigBinding;
import org.babylab.testkit.PluginChecks;
import org.babylab.testkit.TestStepContext;
import org.babylab.testkit.TestStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexicalDecisionTest {
    /** Sentences that hold every word of data/items.tsv, so a character model learns their spelling. */
    private static final List<String> CORPUS = List.of(
            "the dog and the cat saw a ball and a book", "an egg in the car and a box for the owl",
            "the pig and the cow want a hat and a cup", "a sock and a shoe for the duck and the frog",
            "the lion and the horse saw a mouse eat an apple", "a banana and a cookie for the monkey with a spoon",
            "a bottle in the truck for the kitty and the bunny", "the eagle saw the elephant");

    @TempDir
    Path dir;

    @Test
    void the_plugin_passes_the_registrys_load_time_checks() {
        PluginChecks.assertWellFormed(new LexicalDecisionPlugin());
    }

    @Test
    void the_config_binds_from_yaml_as_in_an_experiment_file() {
        assertEquals(new LexicalDecisionFactory.Config("data/items.tsv", false),
                ConfigBinding.bind(new LexicalDecisionFactory(), "path: data/items.tsv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigBinding.bind(new LexicalDecisionFactory(), "pth: data/items.tsv"));
        assertTrue(e.getMessage().contains("did you mean 'path'?"), e.getMessage());
    }

    @Test
    void a_model_that_learnt_the_words_prefers_them_to_the_nonwords() throws Exception {
        TestStepContext ctx = TestStepContext.builder(dir).baseDir(Path.of("")).build();
        LexicalDecisionFactory.Config config = ConfigBinding.bind(new LexicalDecisionFactory(), "path: data/items.tsv");
        EvaluationResult r = new LexicalDecisionFactory().create(config, ctx).evaluate(CharBigramModel.train(CORPUS), ctx);
        assertEquals(30, r.items());
        assertEquals(30, ctx.recordedPredictions().size());
        assertTrue(r.primary() >= 0.8, "accuracy " + r.primary());
        Map<String, Object> first = ctx.recordedPredictions().get(0);
        assertEquals("items.tsv:3", first.get("id"));
        assertEquals(List.of("dog", "dax"), first.get("continuations"));
    }

    @Test
    void a_malformed_items_file_is_reported_with_its_line() throws Exception {
        Path items = Files.writeString(dir.resolve("bad.tsv"), "dog\tdax\ncat cag\n");
        TestStepContext ctx = TestStepContext.builder(dir).build();
        IOException e = assertThrows(IOException.class,
                () -> new LexicalDecisionFactory().create(new LexicalDecisionFactory.Config(items.toString(), null), ctx));
        assertTrue(e.getMessage().contains("bad.tsv:2: expected a word and a nonword separated by one tab"), e.getMessage());
    }

    @Test
    void a_study_using_the_evaluator_runs_through_the_real_runtime() throws Exception {
        Files.write(dir.resolve("corpus.txt"), CORPUS);
        Files.copy(Path.of("data/items.tsv"), dir.resolve("items.tsv"));
        Path study = Files.writeString(dir.resolve("study.yaml"), """
                experiment: lexdec-test
                datasets:
                  corpus: {type: testkit-lines, path: corpus.txt}
                models:
                  tiny: {type: testkit-char-bigram, train_on: corpus}
                evaluate:
                  on: [tiny]
                  with:
                    lexdec: {type: lexical-decision, path: items.tsv}
                """);
        TestStudy.Result r = TestStudy.run(study, dir.resolve("store"));
        assertEquals(List.of(), r.failures(), r.console());
        assertTrue(r.evaluation("lexdec", "tiny").primary() >= 0.8, r.console());
    }
}
