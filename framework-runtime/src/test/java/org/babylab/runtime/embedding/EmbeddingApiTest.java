package org.babylab.runtime.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.BabyLab;
import org.babylab.runtime.BabyLabException;
import org.babylab.runtime.BabyLabListener;
import org.babylab.runtime.Devices;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Results;
import org.babylab.runtime.RunOptions;
import org.babylab.runtime.RunResult;
import org.babylab.runtime.Study;
import org.babylab.runtime.StudyPlan;
import org.babylab.runtime.StudyStep;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API end to end, as a program embedding BabyLab uses it (and as docs/architecture.md shows it). */
class EmbeddingApiTest {
    private static final String STUDY = """
            experiment: embed
            datasets:
              corpus: {type: lines, path: train.txt}
              extra: {type: lines, path: extra.txt}
              heldout: {type: lines, path: heldout.txt}
            tokenizers:
              words: {type: words, train_on: corpus}
            models:
              uni: {type: unigram, tokenizer: words, train_on: corpus}
            stages:
              more: {type: add-counts, from: uni, data: extra%s}
            evaluate:
              on: [uni, more]
              with:
                lp: {type: mean-logprob, data: heldout}
            """;

    @TempDir
    Path dir;

    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final BabyLabListener listener = new BabyLabListener() {
        @Override
        public void runStarted(StudyPlan plan) {
            heard.add("run " + plan.steps().size());
        }

        @Override
        public void stepReused(StudyStep step) {
            heard.add("reused " + step.name());
        }

        @Override
        public void stepStarted(StudyStep step) {
            heard.add("started " + step.name());
        }

        @Override
        public void stepFinished(StudyStep step, Duration took) {
            heard.add("finished " + step.name());
        }

        @Override
        public void stepFailed(StudyStep step, String message, Path log) {
            heard.add("failed " + step.name() + ": " + message);
        }

        @Override
        public void stepSkipped(StudyStep step, String upstream) {
            heard.add("skipped " + step.name() + " after " + upstream);
        }

        @Override
        public void runFinished(RunResult result) {
            heard.add("done " + result.ran() + "/" + result.reused());
        }
    };

    @BeforeEach
    void writeData() throws Exception {
        Experiments.writeCorpus(dir);
    }

    private BabyLab lab() {
        return BabyLab.builder()
                .register(new FixturePlugin(new Recorder()))
                .environment(Map.of())
                .store(dir.resolve("store"))
                .listener(listener)
                .build();
    }

    @Test
    void aStudyIsLoadedPlannedRunAndItsResultsReadThroughTheEmbeddingApi() throws Exception {
        Path file = Files.writeString(dir.resolve("study.yaml"), STUDY.formatted(""));
        // The example of docs/architecture.md, "Embedding BabyLab".
        try (BabyLab lab = lab()) {
            Study study = lab.load(file, List.of());
            StudyPlan plan = study.plan();
            RunResult result = study.run(plan, RunOptions.quiet(Devices.parse("cpu=2")));
            List<String> table = new ArrayList<>();
            for (Results.Row row : plan.results().rows()) {
                table.add(row.model() + ": " + row.cells().get("lp").result().primary());
            }

            assertTrue(result.succeeded(), result.toString());
            assertEquals(5, result.ran(), result.toString()); // the tokenizer, the model, the stage and two evaluations
            assertEquals(2, table.size(), table.toString());
            List<String> names = plan.steps().stream().map(StudyStep::name).toList();
            assertEquals(plan.steps().size(), result.ran() + result.reused(), names.toString());
            assertTrue(plan.steps().stream().allMatch(plan::isStored));
            assertEquals(
                    List.of("uni", "more"),
                    plan.results().rows().stream().map(Results.Row::model).toList());
            assertTrue(plan.results().hasAnyResult());
            assertEquals("run " + names.size(), heard.get(0));
            assertEquals("done " + names.size() + "/0", heard.get(heard.size() - 1));
            for (String name : names) {
                assertTrue(heard.indexOf("started " + name) < heard.indexOf("finished " + name), name + ": " + heard);
            }

            heard.clear();
            Study reloaded = lab.load(file, List.of());
            RunResult again = reloaded.run(reloaded.plan(), RunOptions.quiet());
            assertEquals(0, again.ran());
            assertEquals(
                    names.stream().map(n -> "reused " + n).sorted().toList(),
                    heard.stream().filter(h -> h.startsWith("reused ")).sorted().toList());
            assertFalse(heard.stream().anyMatch(h -> h.startsWith("started ")), heard.toString());
        }
    }

    @Test
    void aFailedStepReachesTheListenerAndWhatNeedsItIsSkipped() throws Exception {
        Path file = Files.writeString(dir.resolve("study.yaml"), STUDY.formatted(", fail: true"));
        try (BabyLab lab = lab()) {
            Study study = lab.load(file, List.of());
            StudyPlan plan = study.plan();
            RunResult result = study.run(plan, RunOptions.quiet(new Devices(1, List.of())));
            assertEquals(1, result.failed(), heard.toString());
            assertEquals(1, result.skipped(), heard.toString());
            assertEquals("stage:more", result.failures().get(0).name());
            assertTrue(heard.stream().anyMatch(h -> h.startsWith("failed stage:more: ")), heard.toString());
            assertTrue(
                    heard.stream().anyMatch(h -> h.startsWith("skipped ") && h.endsWith(" after stage:more")),
                    heard.toString());
            Results.Row more = plan.results().rows().stream()
                    .filter(r -> r.model().equals("more"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(Results.Status.FAILED, more.cells().get("lp").status());
        }
    }

    @Test
    void refusalsAreBabyLabExceptionsWithAMessageForTheUser() throws Exception {
        Path file = Files.writeString(dir.resolve("study.yaml"), STUDY.formatted(""));
        try (BabyLab lab = lab()) {
            BabyLabException missing =
                    assertThrows(BabyLabException.class, () -> lab.load(dir.resolve("nope.yaml"), List.of()));
            assertTrue(missing.getMessage().startsWith("experiment file not found: "), missing.getMessage());
            StudyPlan plan = lab.load(file, List.of()).plan();
            BabyLabException unknown = assertThrows(BabyLabException.class, () -> plan.find("model:nothing"));
            assertTrue(unknown.getMessage().contains("model:nothing"), unknown.getMessage());
            assertEquals("uni", plan.find("model:uni").name().substring("model:".length()));
            assertTrue(plan.outputDir(plan.find("model:uni")).isEmpty());
        }
        BabyLabException noMemory = assertThrows(BabyLabException.class, () -> Devices.parse("cpu=2,gpu=0"));
        assertEquals("gpu=0 has no memory; give its size, e.g. gpu=80GB", noMemory.getMessage());
        assertEquals(
                "cpu=0 must be at least 1 thread",
                assertThrows(BabyLabException.class, () -> Devices.parse("cpu=0"))
                        .getMessage());
        assertEquals(new Devices(8, List.of(80L << 30)), Devices.parse("cpu=8,gpu=80GiB"));
    }

    @Test
    void anExperimentWithErrorsThrowsEveryProblemWithItsLine() throws Exception {
        Path file = Files.writeString(
                dir.resolve("study.yaml"), STUDY.formatted("").replace("train_on: corpus}", "trian_on: corpus}"));
        try (BabyLab lab = lab()) {
            ExperimentException e = assertThrows(ExperimentException.class, () -> lab.load(file, List.of()));
            assertFalse(e.problems().isEmpty());
            assertTrue(
                    e.problems().stream()
                            .allMatch(p -> p.location().file().endsWith("study.yaml")
                                    && p.location().line() > 0),
                    e.problems().toString());
            assertTrue(
                    e.problems().stream().anyMatch(p -> p.message().contains("trian_on")),
                    e.problems().toString());
        }
    }
}
