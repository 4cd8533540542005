package org.babylab.runtime.cli;

import java.util.concurrent.Callable;
import org.babylab.runtime.internal.plan.KeyExplainer;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.plan.PlannedStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code babylab path FILE STEP}: the store directory of a step's output, so nobody digs out the 64-hex entry. */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = "Print the directory holding a stored step's output (its entry's output/).")
final class PathCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Parameters(index = "1", paramLabel = "STEP", description = "A step name (as printed by plan), its name without sweep label, or a key prefix.")
    String step;

    @Override
    public Integer call() {
        Session session = Session.open(common, spec.commandLine().getErr());
        Plan plan = new Planner(session.registry(), session.store()).plan(session.experiment());
        PlannedStep s = select(plan, step);
        if (!session.store().isComplete(s.key())) {
            throw new UserError(s.name() + " (" + s.shortKey() + ") is not in the store yet; 'babylab run " + common.file + "' computes it");
        }
        spec.commandLine().getOut().println(session.store().outputDir(s.key()));
        return ExitCodes.OK;
    }

    /** {@link KeyExplainer#find} with its message as a user error. */
    static PlannedStep select(Plan plan, String selector) {
        try {
            return KeyExplainer.find(plan, selector);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
