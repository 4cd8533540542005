package org.babylab.runtime.cli;

import java.nio.file.Path;
import org.babylab.runtime.SlurmJobs;
import org.babylab.runtime.Study;
import picocli.CommandLine.Option;

/** Options of the commands that work with a study on Slurm: where its scripts and job ledger live, and the lab's profile. */
final class SlurmOptions {
    @Option(
            names = "--slurm-dir",
            paramLabel = "DIR",
            description =
                    "Where the study's sbatch scripts, job logs and jobs.json live (default: beside the store, slurm/<experiment>).")
    Path slurmDir;

    @Option(
            names = "--cluster",
            paramLabel = "FILE",
            description = "The lab's cluster profile (default: $" + SlurmJobs.PROFILE_ENV
                    + ", else ~/.config/babylab/cluster.yaml if it"
                    + " exists); the experiment's 'cluster:' section lies over it.")
    Path profile;

    /** The study's jobs, with its Slurm folder and the lab's profile as given on the command line. */
    SlurmJobs jobs(Study study) {
        return study.slurm(slurmDir, profile);
    }
}
