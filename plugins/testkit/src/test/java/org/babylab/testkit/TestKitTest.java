package org.babylab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.BabyLabApi;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.spi.EvaluatorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's binding, checks and study runs apply the runtime's own rules. */
class TestKitTest {
    @TempDir
    Path dir;

    @Test
    void a_yaml_snippet_is_bound_with_the_compact_constructors_defaults() {
        ProbeEvaluatorFactory.Config c = ConfigBinding.bind(new ProbeEvaluatorFactory(), "good: the dog\nitems: 3");
        assertEquals(new ProbeEvaluatorFactory.Config("the dog", "", 3, false), c);
        assertEquals(
                new ProbeEvaluatorFactory.Config("x", "", 1, false),
                ConfigBinding.bind(new ProbeEvaluatorFactory(), "{good: x}"));
    }

    @Test
    void a_bad_snippet_gets_the_users_messages_with_line_and_column() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigBinding.bind(new ProbeEvaluatorFactory(), "good: the dog\nitmes: 3"));
        assertTrue(
                e.getMessage().contains("config.yaml:2:1") && e.getMessage().contains("did you mean 'items'?"),
                e.getMessage());
        IllegalArgumentException invalid = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigBinding.bind(new ProbeEvaluatorFactory(), "good: x\nitems: 0"));
        assertTrue(invalid.getMessage().contains("items must be >= 1, got 0"), invalid.getMessage());
        IllegalArgumentException quoted = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigBinding.bind(new ProbeEvaluatorFactory(), "good: x\nitems: '3'"));
        assertTrue(
                quoted.getMessage().contains("config.yaml:2:8")
                        && quoted.getMessage().contains("'items' expects an integer"),
                quoted.getMessage());
    }

    @Test
    void plugin_checks_report_the_registrys_own_messages() {
        assertEquals(List.of(), PluginChecks.problems(ProbeEvaluatorFactory.plugin()));
        Plugin twice = new Plugin() {
            @Override
            public String name() {
                return "twice";
            }

            @Override
            public String apiVersion() {
                return "0.1";
            }

            @Override
            public List<EvaluatorFactory<?>> evaluators() {
                return List.of(new ProbeEvaluatorFactory());
            }
        };
        List<String> problems = PluginChecks.problems(twice);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .contains("compiled against BabyLab API 0.1, but this runtime provides API "
                                + BabyLabApi.VERSION),
                problems.toString());
        assertThrows(AssertionError.class, () -> PluginChecks.assertWellFormed(twice));
    }

    @Test
    void the_step_context_refuses_predictions_that_are_not_json_values() {
        TestStepContext ctx = TestStepContext.builder(dir).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ctx.predictions().accept(Map.of("p", dir)));
        assertTrue(e.getMessage().contains("prediction key 'p'"), e.getMessage());
    }

    @Test
    void a_study_runs_through_the_real_runtime_with_the_test_kit_model_and_reuses_its_steps() throws Exception {
        Files.writeString(dir.resolve("corpus.txt"), "the dog runs\nthe cat sleeps\nthe dog sleeps\n");
        Path yaml = Files.writeString(dir.resolve("study.yaml"), """
                experiment: kit
                datasets:
                  corpus: {type: testkit-lines, path: corpus.txt}
                models:
                  tiny: {type: testkit-char-bigram, train_on: corpus}
                evaluate:
                  on: [tiny]
                  with:
                    order: {type: probe-pair, good: the dog, bad: god eht}
                """);
        TestStudy.Result first = TestStudy.run(yaml, dir.resolve("store"), ProbeEvaluatorFactory.plugin());
        assertEquals(List.of(), first.failures(), first.console());
        assertEquals(2, first.ran(), first.console());
        assertEquals(1.0, first.evaluation("order", "tiny").primary());
        TestStudy.Result again = TestStudy.run(yaml, dir.resolve("store"), ProbeEvaluatorFactory.plugin());
        assertEquals(0, again.ran());
        assertEquals(2, again.reused());
    }

    @Test
    void a_study_records_each_steps_events_and_a_rerun_records_only_reuse() throws Exception {
        Path yaml = writeProbeStudy("order: {type: probe-pair, good: the dog, bad: god eht}");
        TestStudy.Result first = TestStudy.run(yaml, dir.resolve("store"), ProbeEvaluatorFactory.plugin());
        StudyEvents events = first.events();
        assertEquals(
                List.of("model:tiny", "eval:order on tiny"), events.planned().stepNames(), events.toString());
        assertEquals(2, events.started().count(), events.toString());
        assertEquals(2, events.finished().count(), events.toString());
        assertEquals(
                0,
                events.reused().count()
                        + events.failed().count()
                        + events.skipped().count(),
                events.toString());
        assertEquals(1, events.started().kind(ComponentKind.EVALUATOR).count());
        // Each step starts before it finishes, and the model finishes before its evaluation starts.
        List<StudyEvents.Event> order = events.filter(
                        e -> e.type() == StudyEvents.Type.STARTED || e.type() == StudyEvents.Type.FINISHED)
                .list();
        assertEquals(
                List.of(
                        "STARTED model:tiny",
                        "FINISHED model:tiny",
                        "STARTED eval:order on tiny",
                        "FINISHED eval:order on tiny"),
                order.stream().map(e -> e.type() + " " + e.step()).toList());

        StudyEvents again = TestStudy.run(yaml, dir.resolve("store"), ProbeEvaluatorFactory.plugin())
                .events();
        assertEquals(0, again.started().count(), again.toString());
        assertEquals(List.of("model:tiny", "eval:order on tiny"), again.reused().stepNames(), again.toString());
    }

    @Test
    void a_failing_evaluation_is_recorded_with_its_message_and_the_others_still_finish() throws Exception {
        Path yaml = writeProbeStudy("order: {type: probe-pair, good: the dog, bad: god eht}\n"
                + "    broken: {type: probe-pair, good: the dog, fail: true}");
        TestStudy.Result r = TestStudy.run(yaml, dir.resolve("store"), ProbeEvaluatorFactory.plugin());
        StudyEvents failed = r.events().failed();
        assertEquals(
                List.of("eval:broken on tiny"), failed.stepNames(), r.events().toString());
        assertTrue(failed.list().get(0).detail().contains("probe told to fail"), failed.toString());
        assertEquals(
                List.of("model:tiny", "eval:order on tiny"),
                r.events().finished().stepNames(),
                r.events().toString());
        assertEquals(1, r.failures().size());
        assertEquals(1.0, r.evaluation("order", "tiny").primary());
    }

    private Path writeProbeStudy(String evaluators) throws Exception {
        Files.writeString(dir.resolve("corpus.txt"), "the dog runs\nthe cat sleeps\nthe dog sleeps\n");
        return Files.writeString(dir.resolve("study.yaml"), """
                experiment: kit
                datasets:
                  corpus: {type: testkit-lines, path: corpus.txt}
                models:
                  tiny: {type: testkit-char-bigram, train_on: corpus}
                evaluate:
                  on: [tiny]
                  with:
                    %s
                """.formatted(evaluators));
    }
}
