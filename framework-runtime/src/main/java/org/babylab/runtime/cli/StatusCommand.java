package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.slurm.CommandLineSlurm;
import org.babylab.runtime.internal.slurm.SlurmException;
import org.babylab.runtime.internal.slurm.SlurmFollower;
import org.babylab.runtime.internal.slurm.StatusReader;
import org.babylab.runtime.internal.slurm.StepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code babylab status FILE}: each step of a study submitted to Slurm, with its job, state and log. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each step of a study run with --on slurm: done, running, queued, failed or skipped, with job ids and logs.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Mixin
    SlurmOptions slurm;

    @Override
    public Integer call() throws IOException {
        Session session = Session.open(common, spec.commandLine().getErr());
        Plan plan = new Planner(session.registry(), session.store()).plan(session.experiment());
        List<StepStatus> statuses;
        try {
            statuses = new StatusReader(session.store(), new CommandLineSlurm()).read(plan, slurm.ledger(session).latest());
        } catch (SlurmException e) {
            throw new UserError(e.getMessage());
        }
        PrintStream out = System.out;
        out.println("experiment " + session.experiment().name() + " on Slurm (jobs in " + slurm.dir(session) + "):");
        Map<StepStatus.State, Integer> counts = new EnumMap<>(StepStatus.State.class);
        for (StepStatus s : statuses) {
            out.println(SlurmFollower.line(s));
            counts.merge(s.state(), 1, Integer::sum);
        }
        out.println(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .reduce((a, b) -> a + ", " + b).orElse("no steps"));
        return statuses.stream().anyMatch(s -> s.state() == StepStatus.State.FAILED || s.state() == StepStatus.State.SKIPPED)
                ? ExitCodes.STEP_FAILED : ExitCodes.OK;
    }
}
