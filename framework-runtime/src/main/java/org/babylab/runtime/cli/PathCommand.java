package org.babylab.runtime.cli;

import java.util.concurrent.Callable;
import org.babylab.runtime.StudyPlan;
import org.babylab.runtime.StudyStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code babylab path FILE STEP}: the store directory of a step's output, so nobody digs out the 64-hex entry. */
@Command(
        name = "path",
        mixinStandardHelpOptions = true,
        description = "Print the directory holding a stored step's output (its entry's output/).")
final class PathCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Parameters(
            index = "1",
            paramLabel = "STEP",
            description = "A step name (as printed by plan), its name without sweep label, or a key prefix.")
    String step;

    @Override
    public Integer call() {
        StudyPlan plan =
                Session.open(common, spec.commandLine().getErr()).study().plan();
        StudyStep s = plan.find(step);
        spec.commandLine()
                .getOut()
                .println(plan.outputDir(s)
                        .orElseThrow(() -> new UserError(s.name() + " (" + s.shortKey()
                                + ") is not in the store yet; 'babylab run " + common.file + "' computes it")));
        return ExitCodes.OK;
    }
}
