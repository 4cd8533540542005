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
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Step;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.Store;

/**
 * The results of a plan's evaluation steps as read from the store: one row per (trial, evaluated
 * model or stage), one column per evaluator holding its primary metric; the full metrics are kept
 * for JSON. A cell is a value, {@code FAIL} (the evaluation's last attempt failed, or it was skipped
 * because a step it needs failed) or {@code -} (not run yet). Immutable.
 */
public final class ResultsTable {
    /** The state of one cell. */
    public enum Status { OK, FAILED, MISSING }

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

    private ResultsTable(List<String> evaluators, List<Row> rows) {
        this.evaluators = List.copyOf(evaluators);
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads every evaluation step's {@code metrics.json} from {@code store}.
     *
     * @throws UncheckedIOException naming the file when a complete entry's metrics cannot be read
     */
    public static ResultsTable collect(Plan plan, Store store) {
        Set<String> evaluators = new LinkedHashSet<>();
        Map<String, Map<String, Map<String, Cell>>> byTrial = new LinkedHashMap<>();
        Map<String, String> modelKeys = new LinkedHashMap<>();
        plan.trialSteps().keySet().forEach(t -> byTrial.put(t, new LinkedHashMap<>()));
        Set<String> failed = new java.util.HashSet<>();
        for (Step s : plan.steps()) {
            // Failed: its own last attempt failed, or it was skipped because something upstream did.
            if (!store.isComplete(s.key()) && (store.failure(s.key()).isPresent() || s.dependsOn().stream().anyMatch(failed::contains))) {
                failed.add(s.key());
            }
            if (!s.isEvaluation()) {
                continue;
            }
            evaluators.add(s.decl().name());
            Cell cell = cell(store, s, failed.contains(s.key()));
            for (String trial : s.trials()) {
                modelKeys.put(trial + "\u0000" + s.evaluates(), s.inputs().get(Step.EVALUATED_MODEL));
                byTrial.computeIfAbsent(trial, t -> new LinkedHashMap<>())
                        .computeIfAbsent(s.evaluates(), m -> new LinkedHashMap<>())
                        .put(s.decl().name(), cell);
            }
        }
        List<Row> rows = new ArrayList<>();
        byTrial.forEach((trial, models) -> models.forEach((model, cells) ->
                rows.add(new Row(trial, model, modelKeys.get(trial + "\u0000" + model), Map.copyOf(cells)))));
        return new ResultsTable(new ArrayList<>(evaluators), rows);
    }

    private static Cell cell(Store store, Step s, boolean failed) {
        try {
            Optional<EvaluationResult> r = Executor.metrics(store, s.key());
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

    /** An aligned text table: trial, model, then one column per evaluator ({@code metric} in the header). */
    public String render() {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("trial", "model"));
        for (String e : evaluators) {
            header.add(e + primaryMetricName(e).map(m -> " (" + m + ")").orElse(""));
        }
        table.add(header);
        for (Row r : rows) {
            List<String> line = new ArrayList<>(List.of(r.trial(), r.model()));
            evaluators.forEach(e -> line.add(text(r.cells().get(e), "-")));
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
        return sb.toString();
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
     * The primary metrics as CSV (RFC 4180 quoting); missing cells empty, failed ones {@code FAIL}; the
     * last column is the evaluated model's step key.
     */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("trial", "model"));
        header.addAll(evaluators);
        header.add("model_key");
        sb.append(csvLine(header));
        for (Row r : rows) {
            List<String> line = new ArrayList<>(List.of(r.trial(), r.model()));
            evaluators.forEach(e -> line.add(text(r.cells().get(e), "")));
            line.add(r.modelKey() == null ? "" : r.modelKey());
            sb.append(csvLine(line));
        }
        return sb.toString();
    }

    /** Every row (with its model's step key) with each evaluator's status, step key, primary metric and full metrics, as JSON. */
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
                m.put("status", c == null ? Status.MISSING.name().toLowerCase(Locale.ROOT) : c.status().name().toLowerCase(Locale.ROOT));
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
            out.add(row);
        }
        try {
            return Json.MAPPER.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("results are not serialisable: " + e.getMessage(), e);
        }
    }

    private Optional<String> primaryMetricName(String evaluator) {
        return rows.stream().map(r -> r.cells().get(evaluator))
                .filter(c -> c != null && c.result() != null).map(c -> c.result().primaryMetric()).findFirst();
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

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
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
