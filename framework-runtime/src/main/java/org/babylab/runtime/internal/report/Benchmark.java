package org.babylab.runtime.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.babylab.api.ComponentKind;
import org.babylab.api.eval.BenchmarkTask;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.report.ResultsTable.Cell;
import org.babylab.runtime.internal.report.ResultsTable.Row;
import org.babylab.runtime.internal.report.ResultsTable.Status;

/**
 * A benchmark whose tasks the study's evaluators declare ({@link BenchmarkTask}), as the results table
 * and the report average it: one column per benchmark, the macro average of its tasks' primary
 * metrics, partial when a task has no result. Immutable.
 *
 * @param name e.g. {@code glue}
 * @param tasks every task of the benchmark, as it lists them
 * @param evaluators by task, the study's evaluators of that task (none when the study does not evaluate it)
 */
public record Benchmark(String name, List<String> tasks, Map<String, List<String>> evaluators) {
    public Benchmark {
        tasks = List.copyOf(tasks);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        evaluators.forEach((t, e) -> copy.put(t, List.copyOf(e)));
        evaluators = java.util.Collections.unmodifiableMap(copy);
    }

    /** The column's name, e.g. {@code glue (macro)}. */
    public String column() {
        return name + " (macro)";
    }

    /** {@code row}'s macro average over this benchmark's tasks. */
    public BenchmarkAverage average(Row row) {
        List<Double> values = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String task : tasks) {
            List<String> es = evaluators.getOrDefault(task, List.of());
            Cell c = es.size() == 1 ? row.cells().get(es.get(0)) : null;
            if (c != null) {
                keys.add(c.key());
            }
            if (c != null && c.status() == Status.OK) {
                values.add(c.result().primary());
            } else {
                missing.add(task);
            }
        }
        Double value = missing.isEmpty()
                ? Stats.mean(values.stream().mapToDouble(Double::doubleValue).toArray())
                : null;
        return new BenchmarkAverage(value, values.size(), tasks.size(), missing, keys);
    }

    /**
     * The benchmarks the plan's evaluators declare through their factories in {@code catalog}, in the
     * order their first evaluator appears among {@code evaluators} (the table's columns).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Benchmark> declaredBy(
            Plan plan, ComponentCatalog catalog, java.util.Collection<String> evaluators) {
        Map<String, BenchmarkTask> declared = new LinkedHashMap<>();
        for (PlannedStep s : plan.steps()) {
            if (!s.isEvaluation() || declared.containsKey(s.decl().name())) {
                continue;
            }
            Optional<ComponentFactory<?>> f = catalog.factory(ComponentKind.EVALUATOR, s.type());
            if (f.isPresent() && f.get() instanceof EvaluatorFactory ef) {
                Optional<BenchmarkTask> b = ef.benchmark(s.decl().config());
                b.ifPresent(t -> declared.put(s.decl().name(), t));
            }
        }
        Map<String, Benchmark> out = new LinkedHashMap<>();
        for (String e : evaluators) {
            BenchmarkTask t = declared.get(e);
            if (t == null) {
                continue;
            }
            Benchmark b = out.get(t.benchmark());
            Map<String, List<String>> byTask = new LinkedHashMap<>();
            t.tasks().forEach(task -> byTask.put(task, new ArrayList<>()));
            if (b != null) {
                b.evaluators()
                        .forEach((task, es) -> byTask.computeIfAbsent(task, k -> new ArrayList<>())
                                .addAll(es));
            }
            byTask.get(t.task()).add(e);
            out.put(t.benchmark(), new Benchmark(t.benchmark(), b == null ? t.tasks() : b.tasks(), byTask));
        }
        return new ArrayList<>(out.values());
    }
}
