package org.babylab.runtime.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.report.ResultsTable.Cell;
import org.babylab.runtime.internal.report.ResultsTable.Row;
import org.babylab.runtime.internal.report.ResultsTable.Status;

/**
 * The results rows of one model whose trials differ only in the replicate axis ({@code seed}, or the
 * report's {@code replicate_axis}), summarised: per column the mean, the sample standard deviation
 * (n - 1) and n, where n counts distinct results (an evaluation every seed shares is one). Immutable.
 *
 * @param trial the label of the trials' other sweep values with {@code <axis>=mean}, e.g. {@code lr=0.1,seed=mean}
 * @param model the model or stage
 * @param axis the replicate axis, e.g. {@code seed}
 * @param trials the summarised trials' labels
 * @param cells by evaluator name, then by benchmark column
 * @param metrics by evaluator name, every metric every replicate reports, aggregated
 */
public record ReplicateSummary(
        String trial,
        String model,
        String axis,
        List<String> trials,
        Map<String, Aggregate> cells,
        Map<String, Map<String, Aggregate>> metrics) {
    /**
     * The replicate axis of {@code plan}: the report's {@code replicate_axis}, else {@code seed} when
     * the sweep has it; null when no trial has it (as {@link ReportData} decides).
     */
    static String replicateAxis(Plan plan) {
        String configured = ReportSettings.of(plan.definition().report()).replicateAxis();
        String axis = configured != null ? configured : Trial.SEED_AXIS;
        return plan.definition().trials().stream().anyMatch(t -> t.sweepValues().containsKey(axis)) ? axis : null;
    }

    /**
     * The summaries of {@code rows}: one per model and per value of the sweep's other axes, in row
     * order; none when the plan has no replicate axis.
     */
    static List<ReplicateSummary> summarise(
            Plan plan, List<String> evaluators, List<Row> rows, List<Benchmark> benchmarks) {
        String axis = replicateAxis(plan);
        if (axis == null) {
            return List.of();
        }
        Map<String, Map<String, Object>> sweep = new LinkedHashMap<>();
        plan.definition().trials().forEach(t -> sweep.put(t.label(), t.sweepValues()));
        // Group by the other sweep values and the model, in row order.
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> values = sweep.getOrDefault(r.trial(), Map.of());
            if (!values.containsKey(axis)) {
                continue;
            }
            StringBuilder label = new StringBuilder();
            values.forEach((k, v) -> label.append(label.length() == 0 ? "" : ",")
                    .append(k)
                    .append('=')
                    .append(k.equals(axis) ? "mean" : v));
            String id = label + "\u0000" + r.model();
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            labels.put(id, label.toString());
        }
        List<ReplicateSummary> out = new ArrayList<>();
        groups.forEach((id, group) -> {
            Map<String, Aggregate> cells = new LinkedHashMap<>();
            Map<String, Map<String, Aggregate>> metrics = new LinkedHashMap<>();
            for (String e : evaluators) {
                // One value per distinct evaluation: a step every replicate shares is one result, not n.
                Map<String, Cell> distinct = new LinkedHashMap<>();
                group.forEach(r -> {
                    Cell c = r.cells().get(e);
                    if (c != null) {
                        distinct.putIfAbsent(c.key(), c);
                    }
                });
                List<EvaluationResult> ok = distinct.values().stream()
                        .filter(c -> c.status() == Status.OK)
                        .map(Cell::result)
                        .toList();
                cells.put(
                        e,
                        Aggregate.of(
                                ok.stream()
                                        .mapToDouble(EvaluationResult::primary)
                                        .toArray(),
                                distinct.size()));
                Map<String, Aggregate> byMetric = new LinkedHashMap<>();
                if (!ok.isEmpty()) {
                    for (String m : ok.get(0).metrics().keySet()) {
                        if (ok.stream().allMatch(r -> r.metrics().containsKey(m))) {
                            byMetric.put(
                                    m,
                                    Aggregate.of(
                                            ok.stream()
                                                    .mapToDouble(
                                                            r -> r.metrics().get(m))
                                                    .toArray(),
                                            distinct.size()));
                        }
                    }
                }
                metrics.put(e, byMetric);
            }
            for (Benchmark b : benchmarks) {
                Map<List<String>, BenchmarkAverage> distinct = new LinkedHashMap<>();
                group.forEach(r -> {
                    BenchmarkAverage m = b.average(r);
                    distinct.putIfAbsent(m.keys(), m);
                });
                double[] complete = distinct.values().stream()
                        .filter(m -> !m.partial())
                        .mapToDouble(BenchmarkAverage::value)
                        .toArray();
                cells.put(b.column(), Aggregate.of(complete, distinct.size()));
            }
            out.add(new ReplicateSummary(
                    labels.get(id),
                    group.get(0).model(),
                    axis,
                    group.stream().map(Row::trial).toList(),
                    cells,
                    metrics));
        });
        return out;
    }
}
