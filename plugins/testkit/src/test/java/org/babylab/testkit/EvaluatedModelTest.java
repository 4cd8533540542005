package org.babylab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.config.NoConfig;
import org.babylab.api.eval.EvaluatedModel;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatedModelTest {
    @TempDir
    Path dir;

    /** Records, per evaluation step, the model the runtime says it scores. */
    static final class WhoFactory implements EvaluatorFactory<NoConfig> {
        final Map<String, Optional<EvaluatedModel>> seen = new ConcurrentHashMap<>();

        @Override
        public String type() {
            return "who";
        }

        @Override
        public Class<NoConfig> configType() {
            return NoConfig.class;
        }

        @Override
        public Evaluator create(NoConfig c, ComponentContext context) {
            return (model, step) -> {
                seen.put(step.stepName(), step.evaluatedModel());
                return new EvaluationResult("items", Map.of("items", 1.0), Map.of(), 1);
            };
        }
    }

    @Test
    void an_evaluation_step_knows_the_name_and_store_key_of_the_model_it_scores() throws Exception {
        Files.writeString(dir.resolve("corpus.txt"), "the dog runs\nthe cat sleeps\n");
        Files.writeString(dir.resolve("other.txt"), "a bird sings\n");
        Path yaml = Files.writeString(dir.resolve("study.yaml"), """
                experiment: who
                datasets:
                  corpus: {type: testkit-lines, path: corpus.txt}
                  other: {type: testkit-lines, path: other.txt}
                models:
                  first: {type: testkit-char-bigram, train_on: corpus}
                  second: {type: testkit-char-bigram, train_on: other}
                evaluate:
                  on: [first, second]
                  with:
                    who: {type: who}
                """);
        WhoFactory who = new WhoFactory();
        Plugin plugin = new Plugin() {
            @Override
            public String name() {
                return "who";
            }

            @Override
            public String apiVersion() {
                return BabyLabApi.VERSION;
            }

            @Override
            public List<EvaluatorFactory<?>> evaluators() {
                return List.of(who);
            }
        };
        TestStudy.Result result = TestStudy.run(yaml, dir.resolve("store"), plugin);
        assertEquals(List.of(), result.failures(), result.console());
        assertEquals(2, who.seen.size(), who.seen.toString());
        List<EvaluatedModel> models = who.seen.values().stream()
                .map(Optional::orElseThrow)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        assertEquals(
                List.of("first", "second"),
                models.stream().map(EvaluatedModel::name).toList());
        for (EvaluatedModel m : models) {
            assertTrue(m.key().matches("[0-9a-f]{64}"), m.key());
        }
        assertNotEquals(
                models.get(0).key(), models.get(1).key(), "two models trained on different data have different keys");
        who.seen
                .keySet()
                .forEach(step -> assertTrue(
                        step.contains(who.seen.get(step).orElseThrow().name()), step));
    }

    @Test
    void a_test_context_reports_the_evaluated_model_it_was_built_with_and_none_by_default() {
        assertEquals(Optional.empty(), TestStepContext.builder(dir).build().evaluatedModel());
        assertEquals(
                Optional.of(new EvaluatedModel("tiny", "ab12")),
                TestStepContext.builder(dir)
                        .evaluatedModel("tiny", "ab12")
                        .build()
                        .evaluatedModel());
    }
}
