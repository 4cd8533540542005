package org.babylab.runtime.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.babylab.api.eval.BenchmarkTask;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.EvaluationOutputs;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.Store;

/**
 * The results of a plan's evaluation steps as read from the store: one row per (trial, evaluated
 * model or stage), one column per evaluator holding its primary metric; the full metrics are kept
 * for JSON. A cell is a value, {@code FAIL} (the evaluation's last attempt failed, or it was skipped
 * because a step it needs failed) or {@code -} (not run yet).
 *
 * <p>Two derived parts (docs/report.md, "The results table"):
 * <ul>
 *   <li><b>Benchmark columns</b> ({@link Benchmark}): where evaluators declare a {@link BenchmarkTask} (every glue task
 *   counts towards {@code glue}), one column per benchmark with the macro average of its tasks'
 *   primary metrics; when a task of the benchmark is not evaluated, failed or not run yet, the
 *   average is <em>partial</em>: no value is shown, only how many tasks there are.</li>
 *   <li><b>Replicate summaries</b> ({@link ReplicateSummary}): when the sweep has a replicate axis ({@code seed}, or the
 *   report's {@code replicate_axis}), one summary row per model and per value of the other axes with
 *   the mean, the sample standard deviation (n - 1 in the denominator) and n of each column. n counts
 *   distinct results: an evaluation shared by every seed (of an unseeded n-gram) counts once, as in
 *   the report's bar charts.</li>
 * </ul>
 * Immutable.
 */
public final class ResultsTable {
    /** The state of one cell. */
    public enum Status {
        OK,
        FAILED,
        MISSING
    }

    /**
     * One cell.
     *
     * @param status whether a result exists
     * @param key the evaluation step's key
     * @param result the metrics when {@code status} is OK, else null
     */
    public record Cell(Status status, String key, EvaluationResult result) {}

    /**
     * One row.
     *
     * @param trial the trial label
     * @param model the evaluated model or stage name
     * @param modelKey the key of the evaluated model's step, which identifies it across trials and runs
     * @param cells by evaluator name
     */
    public record Row(String trial, String model, String modelKey, Map<String, Cell> cells) {}

    private final List<String> evaluators;
    private final List<Row> rows;
    private final List<Benchmark> benchmarks;
    private final List<ReplicateSummary> summaries;

    private ResultsTable(
            List<String> evaluators, List<Row> rows, List<Benchmark> benchmarks, List<ReplicateSummary> summaries) {
        this.evaluators = List.copyOf(evaluators);
        this.rows = List.copyOf(rows);
        this.benchmarks = List.copyOf(benchmarks);
        this.summaries = List.copyOf(summaries);
    }

    /**
     * Reads every evaluation step's {@code metrics.json} from {@code store}, without benchmark columns.
     *
     * @throws UncheckedIOException naming the file when a complete entry's metrics cannot be read
     */
    public static ResultsTable collect(Plan plan, Store store) {
        return collect(plan, store, null);
    }

    /**
     * Reads every evaluation step's {@code metrics.json} from {@code store}; the evaluators' factories
     * in {@code catalog} say which benchmarks their tasks belong to.
     *
     * @param catalog the plugins the plan was made with, or null for no benchmark columns
     * @throws UncheckedIOException naming the file when a complete entry's metrics cannot be read
     */
    public static ResultsTable collect(Plan plan, Store store, ComponentCatalog catalog) {
        Set<String> evaluators = new LinkedHashSet<>();
        Map<String, Map<String, Map<String, Cell>>> byTrial = new LinkedHashMap<>();
        Map<String, String> modelKeys = new LinkedHashMap<>();
        plan.trialSteps().keySet().forEach(t -> byTrial.put(t, new LinkedHashMap<>()));
        Set<String> failed = new java.util.HashSet<>();
        for (PlannedStep s : plan.steps()) {
            // Failed: its own last attempt failed, or it was skipped because something upstream did.
            if (!store.isComplete(s.key())
                    && (store.failure(s.key()).isPresent()
                            || s.dependsOn().stream().anyMatch(failed::contains))) {
                failed.add(s.key());
            }
            if (!s.isEvaluation()) {
                continue;
            }
            evaluators.add(s.decl().name());
            Cell cell = cell(store, s, failed.contains(s.key()));
            for (String trial : s.trials()) {
                modelKeys.put(trial + "\u0000" + s.evaluates(), s.inputs().get(PlannedStep.EVALUATED_MODEL));
                byTrial.computeIfAbsent(trial, t -> new LinkedHashMap<>())
                        .computeIfAbsent(s.evaluates(), m -> new LinkedHashMap<>())
                        .put(s.decl().name(), cell);
            }
        }
        List<Row> rows = new ArrayList<>();
        byTrial.forEach((trial, models) -> models.forEach((model, cells) ->
                rows.add(new Row(trial, model, modelKeys.get(trial + "\u0000" + model), Map.copyOf(cells)))));
        List<Benchmark> benchmarks = catalog == null ? List.of() : Benchmark.declaredBy(plan, catalog, evaluators);
        return new ResultsTable(
                new ArrayList<>(evaluators),
                rows,
                benchmarks,
                ReplicateSummary.summarise(plan, new ArrayList<>(evaluators), rows, benchmarks));
    }

    private static Cell cell(Store store, PlannedStep s, boolean failed) {
        try {
            Optional<EvaluationResult> r = EvaluationOutputs.metrics(store, s.key());
            if (r.isPresent()) {
                return new Cell(Status.OK, s.key(), r.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cell(failed ? Status.FAILED : Status.MISSING, s.key(), null);
    }

    /** Evaluator names, in column order. */
    public List<String> evaluators() {
        return evaluators;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The benchmarks whose macro averages the table shows, one column each after the evaluators. */
    public List<Benchmark> benchmarks() {
        return benchmarks;
    }

    /** The replicate summaries (mean, sample sd, n), after the rows; empty without a replicate axis. */
    public List<ReplicateSummary> summaries() {
        return summaries;
    }

    /**
     * An aligned text table: trial, model, one column per evaluator ({@code metric} in the header) and
     * per benchmark; then the replicate summaries ({@code mean ± sd (n=3)}) and notes on partial
     * benchmark averages and on what the summaries compute.
     */
    public String render() {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("trial", "model"));
        for (String e : evaluators) {
            header.add(e + primaryMetricName(e).map(m -> " (" + m + ")").orElse(""));
        }
        benchmarks.forEach(b -> header.add(b.column()));
        table.add(header);
        for (Row r : rows) {
            List<String> line = new ArrayList<>(List.of(r.trial(), r.model()));
            evaluators.forEach(e -> line.add(text(r.cells().get(e), "-")));
            benchmarks.forEach(b -> line.add(text(b.average(r))));
            table.add(line);
        }
        for (ReplicateSummary sm : summaries) {
            List<String> line = new ArrayList<>(List.of(sm.trial(), sm.model()));
            evaluators.forEach(e -> line.add(sm.cells().get(e).text()));
            benchmarks.forEach(b -> line.add(sm.cells().get(b.column()).text()));
            table.add(line);
        }
        int[] widths = new int[header.size()];
        table.forEach(l -> {
            for (int i = 0; i < l.size(); i++) {
                widths[i] = Math.max(widths[i], l.get(i).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < table.size(); row++) {
            if (row == rows.size() + 1 && !summaries.isEmpty()) {
                // The summaries below a rule of their own, so they do not read as one more trial.
                for (int i = 0; i < widths.length; i++) {
                    sb.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "\n");
                }
            }
            List<String> l = table.get(row);
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                // Text left-aligned, numbers right-aligned so decimal points line up.
                sb.append(i < 2 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
                sb.append(i + 1 < l.size() ? "  " : "\n");
            }
            if (row == 0) {
                for (int i = 0; i < widths.length; i++) {
                    sb.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "\n");
                }
            }
        }
        notes().forEach(n -> sb.append(n).append('\n'));
        return sb.toString();
    }

    /** What a reader must know to read the derived columns and rows: partial averages, how summaries count. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            Map<List<String>, Integer> partial = new LinkedHashMap<>();
            rows.forEach(r -> {
                BenchmarkAverage m = b.average(r);
                if (m.partial()) {
                    partial.merge(m.missing(), 1, Integer::sum);
                }
            });
            partial.forEach((missing, n) ->
                    notes.add("note: " + b.column() + " is partial in " + n + (n == 1 ? " row" : " rows")
                            + " (" + (b.tasks().size() - missing.size()) + " of "
                            + b.tasks().size() + " tasks; no result for " + String.join(", ", missing)
                            + "): the " + b.name() + " score averages all "
                            + b.tasks().size() + " tasks, so no average over fewer is shown"));
        }
        if (!summaries.isEmpty()) {
            String axis = summaries.get(0).axis();
            notes.add("note: " + axis + "=mean rows: mean ± sample standard deviation (n - 1) over the " + axis
                    + " values; n counts distinct results (an evaluation every " + axis + " shares counts once)");
        }
        return notes;
    }
    /** Writes {@link #csv()} to {@code file}. */
    public void writeCsv(Path file) {
        write(file, csv());
    }

    /** Writes {@link #json()} to {@code file}. */
    public void writeJson(Path file) {
        write(file, json());
    }

    /**
     * The primary metrics as CSV (RFC 4180 quoting); missing cells empty, failed ones {@code FAIL}.
     * Each benchmark adds {@code <name>_macro} (empty when partial) and {@code <name>_tasks}
     * ({@code 3/7}). With replicate summaries every value column {@code c} is followed by {@code c_sd}
     * and {@code c_n}, filled in the summary rows (after the others, trial {@code seed=mean}). The
     * last column is the evaluated model's step key (empty in summary rows).
     */
    public String csv() {
        boolean stats = !summaries.isEmpty();
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("trial", "model"));
        for (String e : evaluators) {
            header.add(e);
            if (stats) {
                header.addAll(List.of(e + "_sd", e + "_n"));
            }
        }
        for (Benchmark b : benchmarks) {
            header.add(b.name() + "_macro");
            if (stats) {
                header.addAll(List.of(b.name() + "_macro_sd", b.name() + "_macro_n"));
            }
            header.add(b.name() + "_tasks");
        }
        header.add("model_key");
        sb.append(csvLine(header));
        for (Row r : rows) {
            List<String> line = new ArrayList<>(List.of(r.trial(), r.model()));
            for (String e : evaluators) {
                line.add(text(r.cells().get(e), ""));
                if (stats) {
                    line.addAll(List.of("", ""));
                }
            }
            for (Benchmark b : benchmarks) {
                BenchmarkAverage m = b.average(r);
                line.add(m.partial() ? "" : number(m.value()));
                if (stats) {
                    line.addAll(List.of("", ""));
                }
                line.add(m.done() + "/" + m.of());
            }
            line.add(r.modelKey() == null ? "" : r.modelKey());
            sb.append(csvLine(line));
        }
        for (ReplicateSummary sm : summaries) {
            List<String> line = new ArrayList<>(List.of(sm.trial(), sm.model()));
            for (String e : evaluators) {
                line.addAll(csvAggregate(sm.cells().get(e)));
            }
            for (Benchmark b : benchmarks) {
                line.addAll(csvAggregate(sm.cells().get(b.column())));
                line.add("");
            }
            line.add("");
            sb.append(csvLine(line));
        }
        return sb.toString();
    }

    private static List<String> csvAggregate(Aggregate a) {
        return List.of(
                Double.isNaN(a.mean()) ? "" : number(a.mean()),
                Double.isNaN(a.sd()) ? "" : number(a.sd()),
                String.valueOf(a.n()));
    }

    /**
     * Every row (with its model's step key) with each evaluator's status, step key, primary metric and
     * full metrics, and each benchmark's macro average; then every replicate summary, marked by
     * {@code "summary"}, with the mean, sample sd, n and the trials it covers for each evaluator's
     * primary metric and every metric, and each benchmark. As JSON.
     */
    public String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trial", r.trial());
            row.put("model", r.model());
            row.put("model_key", r.modelKey());
            Map<String, Object> results = new LinkedHashMap<>();
            for (String e : evaluators) {
                Cell c = r.cells().get(e);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(
                        "status",
                        c == null
                                ? Status.MISSING.name().toLowerCase(Locale.ROOT)
                                : c.status().name().toLowerCase(Locale.ROOT));
                if (c != null) {
                    m.put("key", c.key());
                }
                if (c != null && c.result() != null) {
                    m.put("primary_metric", c.result().primaryMetric());
                    m.put("value", c.result().primary());
                    m.put("metrics", c.result().metrics());
                    m.put("groups", c.result().groups());
                    m.put("items", c.result().items());
                }
                results.put(e, m);
            }
            row.put("results", results);
            if (!benchmarks.isEmpty()) {
                Map<String, Object> bs = new LinkedHashMap<>();
                for (Benchmark b : benchmarks) {
                    BenchmarkAverage macro = b.average(r);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("macro", macro.value());
                    m.put("partial", macro.partial());
                    m.put("tasks_with_result", macro.done());
                    m.put("tasks", macro.of());
                    m.put("missing", macro.missing());
                    bs.put(b.name(), m);
                }
                row.put("benchmarks", bs);
            }
            out.add(row);
        }
        for (ReplicateSummary sm : summaries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trial", sm.trial());
            row.put("model", sm.model());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("over", sm.axis());
            summary.put("trials", sm.trials());
            summary.put("statistics", "mean, sample standard deviation (n - 1), n distinct results");
            row.put("summary", summary);
            Map<String, Object> results = new LinkedHashMap<>();
            for (String e : evaluators) {
                Map<String, Object> m = aggregateJson(sm.cells().get(e));
                primaryMetricName(e).ifPresent(p -> m.put("primary_metric", p));
                Map<String, Object> metrics = new LinkedHashMap<>();
                sm.metrics().getOrDefault(e, Map.of()).forEach((name, a) -> metrics.put(name, aggregateJson(a)));
                m.put("metrics", metrics);
                results.put(e, m);
            }
            row.put("results", results);
            if (!benchmarks.isEmpty()) {
                Map<String, Object> bs = new LinkedHashMap<>();
                benchmarks.forEach(
                        b -> bs.put(b.name(), aggregateJson(sm.cells().get(b.column()))));
                row.put("benchmarks", bs);
            }
            out.add(row);
        }
        try {
            return Json.MAPPER
                    .copy()
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("results are not serialisable: " + e.getMessage(), e);
        }
    }

    /** {@code mean}, {@code sd} (null when undefined), {@code n}, {@code of}. */
    private static Map<String, Object> aggregateJson(Aggregate a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", Double.isNaN(a.mean()) ? null : a.mean());
        m.put("sd", Double.isNaN(a.sd()) ? null : a.sd());
        m.put("n", a.n());
        m.put("of", a.of());
        return m;
    }

    private Optional<String> primaryMetricName(String evaluator) {
        return rows.stream()
                .map(r -> r.cells().get(evaluator))
                .filter(c -> c != null && c.result() != null)
                .map(c -> c.result().primaryMetric())
                .findFirst();
    }

    private static String text(Cell c, String missing) {
        if (c == null || c.status() == Status.MISSING) {
            return missing;
        }
        if (c.status() == Status.FAILED) {
            return "FAIL";
        }
        return String.format(Locale.ROOT, "%.4f", c.result().primary());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A macro average: its value, or {@code partial 3/7}. */
    private static String text(BenchmarkAverage m) {
        return m.partial() ? "partial " + m.done() + "/" + m.of() : number(m.value());
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(
                    c.contains(",") || c.contains("\"") || c.contains("\n")
                            ? "\"" + c.replace("\"", "\"\"") + "\""
                            : c);
        }
        return String.join(",", quoted) + "\n";
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
