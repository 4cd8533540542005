package org.babylab.runtime.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.store.Store;

/**
 * What {@code babylab results --training} prints: per training step of a plan whose verified output
 * holds a {@code train-metrics.jsonl}, the number of rows and the last value of each column (the
 * last row that has it, so an {@code eval_loss} logged every N steps still shows), with the table's
 * path for reading the whole curve.
 *
 * @param step the step's display name
 * @param rows the table's non-blank rows
 * @param last each column's last numeric value, in first-seen column order
 * @param table the table's path in the store
 */
public record TrainingSummary(String step, int rows, Map<String, Double> last, Path table) {
    /** Columns shown in the text table, in this order, when a table has them. */
    static final List<String> SHOWN = List.of(
            "step",
            "tokens",
            "words",
            "loss",
            "eval_loss",
            "lr",
            "grad_norm",
            "tokens_per_s",
            "rewards/margins",
            "rewards/accuracies",
            "env/reward_mean",
            "objective/kl");

    public TrainingSummary {
        if (step == null || table == null || last == null || rows < 0) {
            throw new IllegalArgumentException("step, table and last are required and rows must be >= 0");
        }
        last = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(last));
    }

    /** The summaries of every training step of {@code plan} whose verified output has a metrics table, in plan order. */
    public static List<TrainingSummary> collect(Plan plan, Store store) {
        List<TrainingSummary> out = new ArrayList<>();
        TrainingMetrics.tables(plan, store).forEach((name, table) -> out.add(read(name, table)));
        return out;
    }

    /**
     * Reads one table. Non-numeric and non-finite values are skipped, as the learning curves skip them.
     *
     * @throws java.io.UncheckedIOException naming the file and line when it cannot be read or a line is not JSON
     */
    public static TrainingSummary read(String stepName, Path table) {
        Map<String, Double> last = new LinkedHashMap<>();
        List<JsonNode> rows = TrainingMetrics.rows(table);
        for (JsonNode row : rows) {
            row.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber() && Double.isFinite(e.getValue().asDouble())) {
                    last.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return new TrainingSummary(stepName, rows.size(), last, table);
    }

    /** A text table, one line per summary, or a sentence saying there is none. */
    public static String render(List<TrainingSummary> summaries) {
        if (summaries.isEmpty()) {
            return "No training step of this study has per-step metrics in the store yet (train-metrics.jsonl; run the study first).";
        }
        List<String> columns = new ArrayList<>();
        for (String c : SHOWN) {
            if (summaries.stream().anyMatch(s -> s.last().containsKey(c))) {
                columns.add(c);
            }
        }
        StringBuilder b = new StringBuilder();
        int nameWidth = Math.max(
                4, summaries.stream().mapToInt(s -> s.step().length()).max().orElse(4));
        b.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %5s", "step", "rows"));
        for (String c : columns) {
            b.append(String.format(Locale.ROOT, "  %12s", c.equals("step") ? "last step" : c));
        }
        b.append('\n');
        for (TrainingSummary s : summaries) {
            b.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %5d", s.step(), s.rows()));
            for (String c : columns) {
                Double v = s.last().get(c);
                b.append(String.format(Locale.ROOT, "  %12s", v == null ? "-" : format(v)));
            }
            b.append('\n');
        }
        b.append("last value of each column; whole tables:\n");
        for (TrainingSummary s : summaries) {
            b.append("  ").append(s.step()).append(": ").append(s.table()).append('\n');
        }
        return b.toString();
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6
                ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.3e", v);
    }
}
