package org.babylab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.plan.Step;
import org.babylab.runtime.internal.store.Store;

/**
 * Runs an experiment file through the real runtime (the DSL's checks, the planner, the store and
 * the executor, on one CPU thread) in a plugin's test, with the plugins found on the test class path
 * (your own, through its {@code META-INF/services} file), the test kit's {@link TestKitPlugin}
 * ({@code testkit-lines}, {@code testkit-char-bigram}) and any you register.
 *
 * <pre>{@code
 * TestStudy.Result r = TestStudy.run(dir.resolve("study.yaml"), dir.resolve("store"));
 * assertEquals(List.of(), r.failures());
 * assertEquals(1.0, r.evaluation("lexdec", "tiny").primary(), 1e-9);
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
     */
    public record Result(int ran, int reused, List<String> failures, Map<String, Map<String, EvaluationResult>> evaluations, String console) {
        public Result {
            failures = List.copyOf(failures);
            evaluations = Map.copyOf(evaluations);
        }

        /**
         * The metrics of evaluator {@code evaluator} on model (or stage) {@code model}.
         *
         * @throws AssertionError naming what ran when there is none (the step failed or does not exist)
         */
        public EvaluationResult evaluation(String evaluator, String model) {
            EvaluationResult r = evaluations.getOrDefault(evaluator, Map.of()).get(model);
            if (r == null) {
                throw new AssertionError("no result of evaluator '" + evaluator + "' on '" + model + "'; results: " + evaluations.keySet()
                        + "; failures: " + failures + "\n" + console);
            }
            return r;
        }
    }

    /**
     * Loads, checks, plans and runs {@code experiment} with its store in {@code storeDir}.
     *
     * @param plugins plugins to add to those on the class path (e.g. one under test that has no services file yet)
     * @throws IllegalArgumentException with every problem, as {@code babylab run} would print them, when a
     *     plugin fails its load-time checks or the file does not check
     */
    public static Result run(Path experiment, Path storeDir, Plugin... plugins) throws IOException {
        PluginRegistry.Builder builder = PluginRegistry.builder()
                .discoverClassPath(Thread.currentThread().getContextClassLoader())
                .register(new TestKitPlugin());
        for (Plugin p : plugins) {
            builder.register(p);
        }
        try (PluginRegistry registry = builder.build()) {
            if (registry.hasErrors()) {
                throw new IllegalArgumentException("plugins failed their load-time checks:\n" + describe(registry.problems()));
            }
            ExperimentDefinition def;
            try {
                def = new ExperimentLoader(registry, Map.of()).load(experiment, List.of());
            } catch (ExperimentException e) {
                throw new IllegalArgumentException(describe(e.problems()), e);
            }
            Store store = new Store(storeDir);
            Plan plan = new Planner(registry, store).plan(def);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            RunSummary summary = new Executor(registry, store, DeviceInventory.of(new DeviceSpec(1, List.of())),
                    new ExecutorOptions(new PrintStream(console, true, StandardCharsets.UTF_8), false, false)).run(plan);
            Map<String, Map<String, EvaluationResult>> evaluations = new LinkedHashMap<>();
            for (Step step : plan.steps()) {
                if (step.kind() == ComponentKind.EVALUATOR) {
                    Executor.metrics(store, step.key()).ifPresent(m ->
                            evaluations.computeIfAbsent(step.decl().name(), k -> new LinkedHashMap<>()).put(step.evaluates(), m));
                }
            }
            List<String> failures = new ArrayList<>();
            summary.failures().forEach(f -> failures.add(f.stepName() + ": " + f.message()));
            return new Result(summary.ran(), summary.reused(), failures, evaluations, console.toString(StandardCharsets.UTF_8));
        }
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
