package org.babylab.runtime.cli;

import java.util.concurrent.Callable;
import org.babylab.runtime.Results;
import org.babylab.runtime.StudyPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code babylab results FILE}: the results table of what is already in the store; runs nothing. */
@Command(
        name = "results",
        mixinStandardHelpOptions = true,
        description = "Print the results table (one row per trial and model, one column per evaluator) from the store.")
final class ResultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Option(names = "--format", description = "text, csv or json (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    String format;

    @Option(
            names = "--training",
            description = "Instead of the results table, the per-step training metrics of each training step"
                    + " (train-metrics.jsonl): rows and the last value of each column, with each table's path.")
    boolean training;

    @Override
    public Integer call() {
        StudyPlan plan =
                Session.open(common, spec.commandLine().getErr()).study().plan();
        if (training) {
            spec.commandLine().getOut().print(plan.trainingSummary());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        Results table = plan.results();
        switch (format) {
            case "text" -> spec.commandLine().getOut().println(table.render());
            case "csv" -> spec.commandLine().getOut().print(table.csv());
            case "json" -> spec.commandLine().getOut().println(table.json());
            default -> throw new UserError("--format must be text, csv or json, not '" + format + "'");
        }
        // print() does not flush picocli's writer, and the launcher ends with System.exit: without
        // this, --format csv printed nothing.
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
