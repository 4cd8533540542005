package org.babylab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.babylab.api.Plugin;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.BabyLab;
import org.babylab.runtime.BabyLabListener;
import org.babylab.runtime.Devices;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;
import org.babylab.runtime.ProgressSnapshot;
import org.babylab.runtime.Results;
import org.babylab.runtime.RunOptions;
import org.babylab.runtime.RunResult;
import org.babylab.runtime.Study;
import org.babylab.runtime.StudyPlan;
import org.babylab.runtime.StudyStep;

/**
 * Runs an experiment file through the real runtime, by the embedding API the {@code babylab} command
 * uses (the DSL's checks, the planner, the store and the executor, on one CPU thread), in a plugin's
 * test, with the plugins found on the test class path (your own, through its
 * {@code META-INF/services} file), the test kit's {@link TestKitPlugin} ({@code testkit-lines},
 * {@code testkit-char-bigram}) and any you register. The run's events are recorded, as JUnit's
 * {@code EngineTestKit} records a test run's.
 *
 * <pre>{@code
 * TestStudy.Result r = TestStudy.run(dir.resolve("study.yaml"), dir.resolve("store"));
 * assertEquals(List.of(), r.failures());
 * assertEquals(1.0, r.evaluation("lexdec", "tiny").primary(), 1e-9);
 * assertEquals(2, r.events().finished().count());
 * assertEquals(0, TestStudy.run(dir.resolve("study.yaml"), dir.resolve("store")).events().started().count());  // all reused
 * }</pre>
 */
public final class TestStudy {
    private TestStudy() {}

    /**
     * What a run did.
     *
     * @param ran steps computed
     * @param reused steps found complete in the store
     * @param failures one line per failed step: its name and message, as {@code babylab run} prints them
     * @param evaluations the metrics of every completed evaluation, by evaluator name then model name
     * @param console what the run printed
     * @param events what the embedding API's listener heard, in order (added in API 0.6)
     */
    public record Result(
            int ran,
            int reused,
            List<String> failures,
            Map<String, Map<String, EvaluationResult>> evaluations,
            String console,
            StudyEvents events) {
        public Result {
            failures = List.copyOf(failures);
            evaluations = Map.copyOf(evaluations);
            if (events == null) {
                throw new IllegalArgumentException("events are required");
            }
        }

        /**
         * The metrics of evaluator {@code evaluator} on model (or stage) {@code model}.
         *
         * @throws AssertionError naming what ran when there is none (the step failed or does not exist)
         */
        public EvaluationResult evaluation(String evaluator, String model) {
            EvaluationResult r = evaluations.getOrDefault(evaluator, Map.of()).get(model);
            if (r == null) {
                throw new AssertionError("no result of evaluator '" + evaluator + "' on '" + model + "'; results: "
                        + evaluations.keySet() + "; failures: " + failures + "\n" + console);
            }
            return r;
        }
    }

    /**
     * Loads, checks, plans and runs {@code experiment} with its store in {@code storeDir}. The
     * process environment is not read: {@code $BABYLAB_PLUGINS} adds nothing and {@code ${env.X}}
     * in the file is unset, so a test runs the same everywhere.
     *
     * @param plugins plugins to add to those on the class path (e.g. one under test that has no services file yet)
     * @throws IllegalArgumentException with every problem, as {@code babylab run} would print them, when a
     *     plugin fails its load-time checks or the file does not check
     */
    public static Result run(Path experiment, Path storeDir, Plugin... plugins) throws IOException {
        EventRecorder recorder = new EventRecorder();
        BabyLab.Builder builder = BabyLab.builder()
                .classPath(Thread.currentThread().getContextClassLoader())
                .environment(Map.of())
                .store(storeDir)
                .listener(recorder)
                .register(new TestKitPlugin());
        for (Plugin p : plugins) {
            builder.register(p);
        }
        try (BabyLab lab = builder.build()) {
            if (lab.plugins().hasErrors()) {
                throw new IllegalArgumentException("plugins failed their load-time checks:\n"
                        + describe(lab.plugins().problems()));
            }
            Study study;
            try {
                study = lab.load(experiment, List.of());
            } catch (ExperimentException e) {
                throw new IllegalArgumentException(describe(e.problems()), e);
            }
            StudyPlan plan = study.plan();
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            RunResult summary = study.run(
                    plan,
                    new RunOptions(
                            new Devices(1, List.of()),
                            new PrintStream(console, true, StandardCharsets.UTF_8),
                            false,
                            false,
                            RunOptions.DEFAULT_PROGRESS_EVERY));
            Map<String, Map<String, EvaluationResult>> evaluations = new LinkedHashMap<>();
            for (Results.Row row : plan.results().rows()) {
                row.cells().forEach((evaluator, cell) -> {
                    if (cell.status() == Results.Status.OK) {
                        evaluations
                                .computeIfAbsent(evaluator, k -> new LinkedHashMap<>())
                                .put(row.model(), cell.result());
                    }
                });
            }
            List<String> failures = new ArrayList<>();
            summary.failures().forEach(f -> failures.add(f.name() + ": " + f.message()));
            return new Result(
                    summary.ran(),
                    summary.reused(),
                    failures,
                    evaluations,
                    console.toString(StandardCharsets.UTF_8),
                    recorder.events());
        }
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    /** Records step events; thread-safe, since steps report from their worker threads. */
    private static final class EventRecorder implements BabyLabListener {
        private final List<StudyEvents.Event> events = Collections.synchronizedList(new ArrayList<>());

        StudyEvents events() {
            synchronized (events) {
                return new StudyEvents(events);
            }
        }

        private void add(StudyEvents.Type type, StudyStep step, String detail) {
            events.add(new StudyEvents.Event(type, step.name(), step.kind(), detail));
        }

        @Override
        public void runStarted(StudyPlan plan) {
            plan.steps().forEach(s -> add(StudyEvents.Type.PLANNED, s, ""));
        }

        @Override
        public void stepReused(StudyStep step) {
            add(StudyEvents.Type.REUSED, step, "");
        }

        @Override
        public void stepStarted(StudyStep step) {
            add(StudyEvents.Type.STARTED, step, "");
        }

        @Override
        public void stepProgress(StudyStep step, ProgressSnapshot p) {
            add(
                    StudyEvents.Type.PROGRESS,
                    step,
                    (p.phase() + " " + p.done() + (p.total() > 0 ? "/" + p.total() : "") + " " + p.unit()
                                    + (p.status().isEmpty() ? "" : " " + p.status()))
                            .trim());
        }

        @Override
        public void stepFinished(StudyStep step, Duration took) {
            add(StudyEvents.Type.FINISHED, step, "");
        }

        @Override
        public void stepFailed(StudyStep step, String message, Path log) {
            add(StudyEvents.Type.FAILED, step, message);
        }

        @Override
        public void stepSkipped(StudyStep step, String upstream) {
            add(StudyEvents.Type.SKIPPED, step, upstream);
        }

        @Override
        public void stepCancelled(StudyStep step) {
            add(StudyEvents.Type.CANCELLED, step, "");
        }
    }
}
