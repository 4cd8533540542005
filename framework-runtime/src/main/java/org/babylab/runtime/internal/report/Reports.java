package org.babylab.runtime.internal.report;

import java.nio.file.Path;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.store.Store;

/** Writes an experiment's report from what the store holds; what {@code babylab report} and {@code babylab run} call. */
public final class Reports {
    private Reports() {}

    /**
     * Writes the report of {@code plan} into {@code dir} ({@code index.html} and {@code figures/}).
     *
     * @param table the plan's results, as {@link ResultsTable#collect} reads them
     * @return the written report
     * @throws IllegalArgumentException when the experiment's {@code report:} section is invalid
     */
    public static HtmlReport write(Plan plan, Store store, ResultsTable table, RunInfo info, Path dir) {
        ReportSettings settings = ReportSettings.of(plan.definition().report());
        ReportData data = ReportData.collect(plan, table, store, settings);
        HtmlReport report = new HtmlReport(data, settings, info, TrainingMetrics.collect(plan, store), table);
        report.write(dir);
        return report;
    }
}
