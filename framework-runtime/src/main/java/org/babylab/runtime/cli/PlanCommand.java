package org.babylab.runtime.cli;

import java.util.concurrent.Callable;
import org.babylab.runtime.StudyPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code babylab plan FILE}: the DAG of steps, what is cached and what will run; runs nothing. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description =
                "Check the experiment and print its step DAG: cached steps, steps to run, sharing between trials.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Option(names = "--json", description = "Print the plan as JSON (steps with key, type, inputs, cached).")
    boolean json;

    @Override
    public Integer call() {
        StudyPlan plan =
                Session.open(common, spec.commandLine().getErr()).study().plan();
        spec.commandLine().getOut().println(json ? plan.json() : plan.tree());
        return ExitCodes.OK;
    }
}
