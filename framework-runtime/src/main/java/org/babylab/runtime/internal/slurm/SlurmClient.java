package org.babylab.runtime.internal.slurm;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The Slurm commands BabyLab uses: submit, look at and cancel jobs. */
public interface SlurmClient {
    /**
     * Submits {@code script}; it starts only after every job in {@code afterOk} completed successfully,
     * and Slurm cancels it (never leaving it pending) when one of them fails.
     *
     * @return the new job's id
     * @throws SlurmException when sbatch is missing or refuses, with its message
     */
    String submit(Path script, List<String> afterOk);

    /**
     * The jobs among {@code ids} that Slurm still knows (running, queued, or ended within its
     * {@code MinJobAge}); ids it has forgotten are absent.
     */
    Map<String, JobState> jobs(Collection<String> ids);

    /** Cancels {@code ids} (jobs that already ended are ignored). */
    void cancel(Collection<String> ids);
}
