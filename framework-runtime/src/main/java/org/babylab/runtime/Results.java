package org.babylab.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.internal.report.HtmlReport;
import org.babylab.runtime.internal.report.Reports;
import org.babylab.runtime.internal.report.ResultsFiles;
import org.babylab.runtime.internal.report.ResultsTable;

/**
 * The results table of a {@link StudyPlan}, read from the store when {@link StudyPlan#results()}
 * was called: one {@link Row} per trial and evaluated model, one {@link Cell} per evaluator.
 * Immutable.
 *
 * <p>Added in API 0.6.
 */
public final class Results {
    /** Whether a cell has a result. */
    public enum Status {
        /** The evaluation is stored: {@link Cell#result()} holds its metrics. */
        OK,
        /** The evaluation, or a step it needs, failed in its last attempt. */
        FAILED,
        /** The evaluation has not been computed yet. */
        MISSING
    }

    /**
     * One evaluator's result on one model.
     *
     * @param status whether there is a result
     * @param key the evaluation step's key
     * @param result the metrics when {@code status} is {@link Status#OK}, else null
     */
    public record Cell(Status status, String key, EvaluationResult result) {
        public Cell {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(key, "key");
            if ((status == Status.OK) != (result != null)) {
                throw new IllegalArgumentException("a result is present exactly when the status is OK");
            }
        }
    }

    /**
     * One row.
     *
     * @param trial the trial's label (empty without a sweep)
     * @param model the evaluated model or stage
     * @param modelKey the key of the evaluated model's step, which identifies it across trials and runs
     * @param cells by evaluator name
     */
    public record Row(String trial, String model, String modelKey, Map<String, Cell> cells) {
        public Row {
            Objects.requireNonNull(trial, "trial");
            Objects.requireNonNull(model, "model");
            cells = Map.copyOf(cells);
        }
    }

    private final StudyPlan plan;
    private final ResultsTable table;
    private final List<Row> rows;

    Results(StudyPlan plan, ResultsTable table) {
        this.plan = plan;
        this.table = table;
        this.rows = table.rows().stream()
                .map(r -> new Row(
                        r.trial(),
                        r.model(),
                        r.modelKey(),
                        r.cells().entrySet().stream()
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey,
                                        e -> new Cell(
                                                Status.valueOf(
                                                        e.getValue().status().name()),
                                                e.getValue().key(),
                                                e.getValue().result())))))
                .toList();
    }

    /** Evaluator names, in column order. */
    public List<String> evaluators() {
        return table.evaluators();
    }

    /** The rows, by trial then model. */
    public List<Row> rows() {
        return rows;
    }

    /** True when some cell has a result. */
    public boolean hasAnyResult() {
        return rows.stream().flatMap(r -> r.cells().values().stream()).anyMatch(c -> c.status() == Status.OK);
    }

    /** The table as {@code babylab results} prints it. */
    public String render() {
        return table.render();
    }

    /** The table as CSV, one line per row. */
    public String csv() {
        return table.csv();
    }

    /** The table as JSON. */
    public String json() {
        return table.json();
    }

    /**
     * Writes the table (CSV, JSON, Markdown) and its provenance into the study's
     * {@linkplain Study#resultsDir() results directory}.
     *
     * @return that directory
     */
    public Path writeFiles() {
        Path dir = plan.study().resultsDir();
        ResultsFiles.write(dir, table, plan.study().runInfo());
        return dir;
    }

    /**
     * Writes the HTML report (one self-contained page, each figure also as SVG and PNG) into {@code dir}.
     *
     * @return how many figures it has
     * @throws java.io.UncheckedIOException when it cannot be written
     * @throws IllegalArgumentException when the experiment's {@code report:} settings do not fit the results
     */
    public int writeReport(Path dir) {
        HtmlReport report = Reports.write(
                plan.plan(), plan.study().store(), table, plan.study().runInfo(), dir);
        return report.charts().size();
    }
}
