package org.babylab.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.babylab.runtime.internal.slurm.ClusterSettings;
import org.babylab.runtime.internal.slurm.ClusterSettingsException;
import org.babylab.runtime.internal.slurm.ClusterSettingsReader;
import org.babylab.runtime.internal.slurm.JobLedger;
import picocli.CommandLine.Option;

/** Options of the commands that work with a study on Slurm: where its scripts and job ledger live, and the lab's profile. */
final class SlurmOptions {
    /** The environment variable naming a lab's cluster profile. */
    static final String PROFILE_ENV = "BABYLAB_CLUSTER";

    @Option(names = "--slurm-dir", paramLabel = "DIR",
            description = "Where the study's sbatch scripts, job logs and jobs.json live (default: beside the store, slurm/<experiment>).")
    Path slurmDir;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "The lab's cluster profile (default: $BABYLAB_CLUSTER, else ~/.config/babylab/cluster.yaml if it exists);"
                    + " the experiment's 'cluster:' section lies over it.")
    Path profile;

    /** The study's Slurm folder. */
    Path dir(Session session) {
        return (slurmDir != null ? slurmDir : session.store().root().resolveSibling("slurm").resolve(session.experiment().name()))
                .toAbsolutePath().normalize();
    }

    JobLedger ledger(Session session) {
        return new JobLedger(dir(session));
    }

    /** The experiment's settings over the profile's. */
    ClusterSettings settings(Session session) {
        try {
            ClusterSettings lab = ClusterSettings.NONE;
            Path file = profileFile();
            if (file != null) {
                lab = ClusterSettingsReader.fromProfile(file);
            }
            return ClusterSettingsReader.fromExperiment(session.experiment().file()).over(lab);
        } catch (ClusterSettingsException e) {
            throw new UserError(e.getMessage());
        }
    }

    private Path profileFile() {
        if (profile != null) {
            return profile;
        }
        String env = System.getenv(PROFILE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path home = Path.of(System.getProperty("user.home"), ".config", "babylab", "cluster.yaml");
        return Files.isRegularFile(home) ? home : null;
    }
}
