package org.babylab.runtime.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Store;

/**
 * What a report draws, gathered once from a plan, its results table and the store: the evaluated
 * models (each model step once, however many sweep trials share it), the conditions they are grouped
 * into (a model with its sweep values, replicates pooled), the tasks, and one score per task and model.
 * Immutable.
 *
 * @param experiment the experiment name
 * @param axes the sweep axes, in sweep order (the replicate axis included)
 * @param replicateAxis the axis whose values are replicates, or null
 * @param models every evaluated model step, in plan order
 * @param conditions the models grouped over the replicate axis, in first-appearance order
 * @param tasks every evaluator, in column order
 * @param scores by task name, then model id
 */
public record ReportData(
        String experiment,
        List<String> axes,
        String replicateAxis,
        List<ModelRun> models,
        List<Condition> conditions,
        List<Task> tasks,
        Map<String, Map<String, Score>> scores) {
    public ReportData {
        Objects.requireNonNull(experiment, "experiment");
        axes = List.copyOf(axes);
        models = List.copyOf(models);
        conditions = List.copyOf(conditions);
        tasks = List.copyOf(tasks);
        Map<String, Map<String, Score>> copy = new LinkedHashMap<>();
        scores.forEach((t, m) -> copy.put(t, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        scores = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * One evaluated model step.
     *
     * @param id the model (or stage) step's key
     * @param name the model or stage name, e.g. {@code pretrain}
     * @param axisValues per sweep axis, the values of the trials that use this model; one value when the
     *     model belongs to a single point of that axis, several when trials along the axis share it
     * @param trials the labels of the trials that evaluate it
     */
    public record ModelRun(String id, String name, Map<String, List<String>> axisValues, List<String> trials) {
        public ModelRun {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            axisValues.forEach((a, v) -> copy.put(a, List.copyOf(v)));
            axisValues = java.util.Collections.unmodifiableMap(copy);
            trials = List.copyOf(trials);
        }

        /** The value of {@code axis} when the model belongs to one point of it, else null (shared along the axis). */
        public String valueOf(String axis) {
            List<String> v = axisValues.get(axis);
            return v != null && v.size() == 1 ? v.get(0) : null;
        }
    }

    /**
     * Models that differ only along the replicate axis: what a bar, a box or a table cell stands for.
     *
     * @param id a stable id (the label)
     * @param name the model or stage name
     * @param axisValues the single-valued axes other than the replicate axis; an axis along which the
     *     models are shared is absent
     * @param modelIds the replicate models, at least one
     */
    public record Condition(String id, String name, Map<String, String> axisValues, List<String> modelIds) {
        public Condition {
            axisValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axisValues));
            modelIds = List.copyOf(modelIds);
            if (modelIds.isEmpty()) {
                throw new IllegalArgumentException("a condition needs at least one model");
            }
        }

        /** {@code name} then {@code axis=value} for each axis, e.g. {@code instruct vocab=512 curriculum=merged}. */
        public String label() {
            StringBuilder sb = new StringBuilder(name);
            axisValues.forEach((a, v) -> sb.append(' ').append(a).append('=').append(v));
            return sb.toString();
        }
    }

    /**
     * One evaluator.
     *
     * @param name the evaluator name
     * @param type its plugin type
     * @param primaryMetric the metric charts and tables show, or null when no result exists yet
     * @param fineTuning true for fine-tuning tasks ({@code report.fine_tuning}), false for zero-shot ones
     */
    public record Task(String name, String type, String primaryMetric, boolean fineTuning) {}

    /**
     * One evaluation's outcome.
     *
     * @param status whether it has a result
     * @param evalKey the evaluation step's key
     * @param result the metrics, or null unless status is OK
     * @param finishedAt when the evaluation finished (ISO-8601), or null
     */
    public record Score(ResultsTable.Status status, String evalKey, EvaluationResult result, String finishedAt) {
        /** The primary metric's value, NaN without a result. */
        public double value() {
            return result == null ? Double.NaN : result.primary();
        }

        /** Tied items over scored items, or NaN when the evaluator counts no ties. */
        public double tieRate() {
            if (result == null || !result.metrics().containsKey("ties") || result.items() <= 0) {
                return Double.NaN;
            }
            return result.metrics().get("ties") / result.items();
        }
    }

    /** The value of each model's score on {@code task} (models without a result are absent). */
    public Map<String, Double> values(String task) {
        Map<String, Double> out = new LinkedHashMap<>();
        scores.getOrDefault(task, Map.of()).forEach((m, s) -> {
            if (!Double.isNaN(s.value())) {
                out.put(m, s.value());
            }
        });
        return out;
    }

    /** The mean of each condition's replicate scores on {@code task}; conditions without any result are absent. */
    public Map<String, Double> conditionMeans(String task) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> values = values(task);
        for (Condition c : conditions) {
            double[] v = c.modelIds().stream()
                    .filter(values::containsKey)
                    .mapToDouble(values::get)
                    .toArray();
            if (v.length > 0) {
                out.put(c.id(), Stats.mean(v));
            }
        }
        return out;
    }

    /** The sample standard deviation of each condition's replicates on {@code task}; NaN with fewer than two. */
    public Map<String, Double> conditionSds(String task) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> values = values(task);
        for (Condition c : conditions) {
            double[] v = c.modelIds().stream()
                    .filter(values::containsKey)
                    .mapToDouble(values::get)
                    .toArray();
            if (v.length > 0) {
                out.put(c.id(), Stats.sampleSd(v));
            }
        }
        return out;
    }

    public ModelRun model(String id) {
        return models.stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + id));
    }

    public Condition condition(String id) {
        return conditions.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no condition " + id));
    }

    /** The axes other than the replicate axis along which some models differ: the grouping axes of charts and tables. */
    public List<String> groupingAxes() {
        List<String> out = new ArrayList<>();
        for (String a : axes) {
            if (!a.equals(replicateAxis)
                    && conditions.stream().anyMatch(c -> c.axisValues().containsKey(a))) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Gathers a report's data.
     *
     * @param plan the planned experiment
     * @param table its results as read from the store
     * @param store where metadata (finish dates) is read
     * @param settings the report settings (fine-tuning tasks, replicate axis)
     */
    public static ReportData collect(Plan plan, ResultsTable table, Store store, ReportSettings settings) {
        List<String> axes = new ArrayList<>();
        Map<String, Map<String, Object>> trialValues = new LinkedHashMap<>();
        for (Trial t : plan.definition().trials()) {
            trialValues.put(t.label(), t.sweepValues());
            t.sweepValues().keySet().forEach(a -> {
                if (!axes.contains(a)) {
                    axes.add(a);
                }
            });
        }
        String replicate =
                settings.replicateAxis() != null ? settings.replicateAxis() : axes.contains("seed") ? "seed" : null;

        Map<String, PlannedStep> byKey = new LinkedHashMap<>();
        plan.steps().forEach(s -> byKey.put(s.key(), s));
        Map<String, String> modelName = new LinkedHashMap<>();
        Map<String, Set<String>> modelTrials = new LinkedHashMap<>();
        Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
        Map<String, String> primary = new LinkedHashMap<>();
        for (String e : table.evaluators()) {
            scores.put(e, new LinkedHashMap<>());
        }
        for (ResultsTable.Row row : table.rows()) {
            for (Map.Entry<String, ResultsTable.Cell> c : row.cells().entrySet()) {
                PlannedStep eval = byKey.get(c.getValue().key());
                String modelId = eval.inputs().get(PlannedStep.EVALUATED_MODEL);
                modelName.putIfAbsent(modelId, row.model());
                modelTrials.computeIfAbsent(modelId, k -> new LinkedHashSet<>()).add(row.trial());
                EvaluationResult r = c.getValue().result();
                if (r != null) {
                    primary.putIfAbsent(c.getKey(), r.primaryMetric());
                }
                scores.get(c.getKey())
                        .computeIfAbsent(
                                modelId,
                                k -> new Score(
                                        c.getValue().status(),
                                        c.getValue().key(),
                                        r,
                                        store.metadata(c.getValue().key())
                                                .map(EntryMetadata::finishedAt)
                                                .orElse(null)));
            }
        }
        List<ModelRun> models = new ArrayList<>();
        modelName.forEach((id, name) -> {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String axis : axes) {
                Set<String> vs = new LinkedHashSet<>();
                modelTrials.get(id).forEach(t -> {
                    Object v = trialValues.getOrDefault(t, Map.of()).get(axis);
                    if (v != null) {
                        vs.add(String.valueOf(v));
                    }
                });
                values.put(axis, new ArrayList<>(vs));
            }
            models.add(new ModelRun(id, name, values, new ArrayList<>(modelTrials.get(id))));
        });

        // A condition is a model with its single-valued sweep values, the replicate axis left out.
        Map<String, Condition> conditions = new LinkedHashMap<>();
        for (ModelRun m : models) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String axis : axes) {
                if (!axis.equals(replicate) && m.valueOf(axis) != null && axisVaries(axis, trialValues)) {
                    key.put(axis, m.valueOf(axis));
                }
            }
            Condition probe = new Condition("-", m.name(), key, List.of(m.id()));
            String id = probe.label();
            Condition existing = conditions.get(id);
            List<String> ids = new ArrayList<>(existing == null ? List.of() : existing.modelIds());
            ids.add(m.id());
            conditions.put(id, new Condition(id, m.name(), key, ids));
        }

        List<Task> tasks = new ArrayList<>();
        for (String e : table.evaluators()) {
            PlannedStep any = plan.steps().stream()
                    .filter(s -> s.isEvaluation() && s.decl().name().equals(e))
                    .findFirst()
                    .orElseThrow();
            tasks.add(new Task(
                    e, any.type(), primary.get(e), settings.fineTuning().contains(e)));
        }
        return new ReportData(
                plan.definition().name(), axes, replicate, models, new ArrayList<>(conditions.values()), tasks, scores);
    }

    private static boolean axisVaries(String axis, Map<String, Map<String, Object>> trialValues) {
        Set<String> seen = new TreeSet<>();
        trialValues.values().forEach(v -> {
            if (v.containsKey(axis)) {
                seen.add(String.valueOf(v.get(axis)));
            }
        });
        return seen.size() > 1;
    }
}
