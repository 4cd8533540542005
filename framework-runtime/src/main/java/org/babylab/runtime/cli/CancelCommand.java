package org.babylab.runtime.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.babylab.runtime.SlurmJobs;
import org.babylab.runtime.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code babylab cancel FILE}: cancels the queued and running jobs of a study; what is in the store stays. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description =
                "Cancel the queued and running Slurm jobs of a study run with --on slurm; finished steps stay in the store.")
final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Mixin
    SlurmOptions slurm;

    @Override
    public Integer call() throws IOException {
        Study study = Session.open(common, spec.commandLine().getErr()).study();
        SlurmJobs jobs = slurm.jobs(study);
        List<SlurmJobs.StepState> cancelled = jobs.cancelActive(study.plan());
        if (cancelled.isEmpty()) {
            System.out.println("no queued or running jobs of " + study.name() + " (jobs in " + jobs.dir() + ")");
            return ExitCodes.OK;
        }
        for (SlurmJobs.StepState s : cancelled) {
            System.out.println("cancelled job " + s.job() + ": " + s.step().name() + " (was "
                    + s.state().name().toLowerCase() + ")");
        }
        System.out.println("finished steps stay in the store; 'babylab run " + common.file
                + " --on slurm' submits what is missing");
        return ExitCodes.OK;
    }
}
