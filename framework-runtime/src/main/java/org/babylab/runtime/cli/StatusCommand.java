package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.babylab.runtime.SlurmJobs;
import org.babylab.runtime.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code babylab status FILE}: each step of a study submitted to Slurm, with its job, state and log. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Show each step of a study run with --on slurm: done, running, queued, failed or skipped, with job ids and logs.")
final class StatusCommand implements Callable<Integer> {
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
        List<SlurmJobs.StepState> statuses = jobs.status(study.plan());
        PrintStream out = System.out;
        out.println("experiment " + study.name() + " on Slurm (jobs in " + jobs.dir() + "):");
        Map<SlurmJobs.State, Integer> counts = new EnumMap<>(SlurmJobs.State.class);
        for (SlurmJobs.StepState s : statuses) {
            out.println(s.line());
            counts.merge(s.state(), 1, Integer::sum);
        }
        out.println(counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .reduce((a, b) -> a + ", " + b)
                .orElse("no steps"));
        return statuses.stream()
                        .anyMatch(s -> s.state() == SlurmJobs.State.FAILED || s.state() == SlurmJobs.State.SKIPPED)
                ? ExitCodes.STEP_FAILED
                : ExitCodes.OK;
    }
}
