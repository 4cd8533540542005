package org.babylab.runtime.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.Store;

/**
 * Learning curves from the per-step metrics table that training stages publish with their output,
 * {@code train-metrics.jsonl}: one JSON object per optimiser step (or PPO batch) with a {@code step}
 * field and numeric metrics. Only the metrics a reader of the papers looks at are drawn (losses,
 * DPO's reward margin and accuracy, PPO's mean reward and KL); a stage without the file adds nothing.
 */
public final class TrainingMetrics {
    /** The table's file name in a stage's output directory. */
    static final String FILE = "train-metrics.jsonl";
    /** The columns drawn, in this order, when a table has them (TRL's names for DPO and PPO). */
    static final List<String> DRAWN =
            List.of("loss", "eval_loss", "rewards/margins", "rewards/accuracies", "env/reward_mean", "objective/kl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingMetrics() {}

    /** The curves of every training stage of {@code plan} whose verified output holds a metrics table. */
    static List<TrainingCurve> collect(Plan plan, Store store) {
        List<TrainingCurve> curves = new ArrayList<>();
        tables(plan, store).forEach((name, table) -> curves.addAll(read(name, table)));
        return curves;
    }

    /**
     * The metrics table of every training stage of {@code plan} whose verified output holds one, by
     * the step's display name, in plan order (a stage shared by several trials once).
     */
    static Map<String, Path> tables(Plan plan, Store store) {
        Map<String, Path> tables = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PlannedStep step : plan.steps()) {
            if (step.kind() != ComponentKind.STAGE || !seen.add(step.key())) {
                continue;
            }
            store.verifiedOutput(step.key())
                    .map(o -> o.resolve(FILE))
                    .filter(Files::isRegularFile)
                    .ifPresent(t -> tables.putIfAbsent(step.name(), t));
        }
        return tables;
    }

    /**
     * The table's rows, blank lines skipped.
     *
     * @throws java.io.UncheckedIOException naming the file and line when it cannot be read or a line is not JSON
     */
    static List<JsonNode> rows(Path table) {
        List<JsonNode> rows = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    table + ":" + lineNo + ": cannot read the training metrics: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Reads one table into curves, one per drawn metric that it has. Rows whose step does not
     * increase, and values that are not finite numbers, are left out rather than failing the report:
     * the table is a verified store file, so such rows are a stage's own (e.g. a NaN loss it logged).
     *
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static List<TrainingCurve> read(String stepName, Path table) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        DRAWN.forEach(m -> points.put(m, new ArrayList<>()));
        for (JsonNode row : rows(table)) {
            JsonNode step = row.get("step");
            if (step == null || !step.isNumber()) {
                continue;
            }
            for (String metric : DRAWN) {
                JsonNode v = row.get(metric);
                if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                    List<double[]> list = points.get(metric);
                    if (list.isEmpty() || step.asDouble() > list.get(list.size() - 1)[0]) {
                        list.add(new double[] {step.asDouble(), v.asDouble()});
                    }
                }
            }
        }
        List<TrainingCurve> curves = new ArrayList<>();
        points.forEach((metric, list) -> {
            if (!list.isEmpty()) {
                double[] x = list.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = list.stream().mapToDouble(p -> p[1]).toArray();
                curves.add(new TrainingCurve(stepName, metric, "step", x, y));
            }
        });
        return curves;
    }
}
