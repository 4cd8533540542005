package org.babylab.runtime.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.slurm.CommandLineSlurm;
import org.babylab.runtime.internal.slurm.JobLedger;
import org.babylab.runtime.internal.slurm.SlurmException;
import org.babylab.runtime.internal.slurm.StatusReader;
import org.babylab.runtime.internal.slurm.StepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code babylab cancel FILE}: cancels the queued and running jobs of a study; what is in the store stays. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel the queued and running Slurm jobs of a study run with --on slurm; finished steps stay in the store.")
final class CancelCommand implements Callable<Integer> {
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
        CommandLineSlurm client = new CommandLineSlurm();
        JobLedger ledger = slurm.ledger(session);
        try {
            List<StepStatus> live = ledger.locked(() -> new StatusReader(session.store(), client).read(plan, ledger.latest()))
                    .stream().filter(s -> s.state().isActive()).toList();
            if (live.isEmpty()) {
                System.out.println("no queued or running jobs of " + session.experiment().name() + " (jobs in " + ledger.dir() + ")");
                return ExitCodes.OK;
            }
            client.cancel(live.stream().map(StepStatus::job).distinct().toList());
            for (StepStatus s : live) {
                System.out.println("cancelled job " + s.job() + ": " + s.step().name() + " (was " + s.state().name().toLowerCase() + ")");
            }
            System.out.println("finished steps stay in the store; 'babylab run " + common.file + " --on slurm' submits what is missing");
            return ExitCodes.OK;
        } catch (SlurmException e) {
            throw new UserError(e.getMessage());
        }
    }
}
