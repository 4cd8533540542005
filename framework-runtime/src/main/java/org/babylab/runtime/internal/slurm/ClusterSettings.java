package org.babylab.runtime.internal.slurm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a lab's Slurm wants jobs asked for: written once in a profile file outside the experiment
 * and, where a study needs something else, in the experiment's {@code cluster:} section. Every
 * field may be null (or empty), meaning "not set here"; {@link #over} layers two settings and the
 * accessors with defaults say what a job finally gets. Immutable.
 *
 * @param partition partition of CPU-only steps
 * @param gpuPartition partition of steps that ask for a GPU (defaults to {@code partition})
 * @param account {@code --account}
 * @param qos {@code --qos}
 * @param retries how many times a failed step is tried again inside its job (0 = once in all)
 * @param setup shell lines run before BabyLab in every job, e.g. {@code module load java/17}
 * @param container a command prefix that runs BabyLab inside a container, e.g. {@code apptainer exec --nv babylab.sif}
 * @param sbatch extra sbatch options written into every script, e.g. {@code --constraint=a100}
 * @param launcher the command that starts BabyLab on the nodes (an absolute path on the shared file system)
 * @param maxCpus cap on the CPUs a step asks for when its own request says "all of this machine"
 * @param steps limits per step type
 */
public record ClusterSettings(
        String partition,
        String gpuPartition,
        String account,
        String qos,
        Integer retries,
        List<String> setup,
        String container,
        List<String> sbatch,
        String launcher,
        Integer maxCpus,
        Map<JobClass, StepLimits> steps) {
    /** The cap on CPUs per step when neither the step type's {@code cpus} nor {@code max_cpus} is set. */
    public static final int DEFAULT_MAX_CPUS = 8;

    public ClusterSettings {
        setup = setup == null ? List.of() : List.copyOf(setup);
        sbatch = sbatch == null ? List.of() : List.copyOf(sbatch);
        steps = steps == null || steps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(steps));
        if (retries != null && (retries < 0 || retries > 100)) {
            throw new IllegalArgumentException("retries must be between 0 and 100, got " + retries);
        }
        if (maxCpus != null && maxCpus < 1) {
            throw new IllegalArgumentException("max_cpus must be at least 1, got " + maxCpus);
        }
    }

    /** Nothing set: every job gets the defaults. */
    public static final ClusterSettings NONE =
            new ClusterSettings(null, null, null, null, null, null, null, null, null, null, null);

    /**
     * These settings lying over {@code below}: a field set here wins; lists ({@code setup},
     * {@code sbatch}) are appended to the profile's, so a study adds a module without repeating the
     * lab's; step limits are layered field by field.
     */
    public ClusterSettings over(ClusterSettings below) {
        Map<JobClass, StepLimits> merged = new EnumMap<>(JobClass.class);
        for (JobClass t : JobClass.values()) {
            StepLimits l = limitsSetFor(t).over(below.limitsSetFor(t));
            if (!l.equals(StepLimits.NONE)) {
                merged.put(t, l);
            }
        }
        return new ClusterSettings(
                or(partition, below.partition),
                or(gpuPartition, below.gpuPartition),
                or(account, below.account),
                or(qos, below.qos),
                or(retries, below.retries),
                concat(below.setup, setup),
                or(container, below.container),
                concat(below.sbatch, sbatch),
                or(launcher, below.launcher),
                or(maxCpus, below.maxCpus),
                merged);
    }

    /** The limits set for {@code type} here (fields may be null). */
    public StepLimits limitsSetFor(JobClass type) {
        return steps.getOrDefault(type, StepLimits.NONE);
    }

    /** The limits a job of {@code type} gets: these settings, then the type's defaults. */
    public StepLimits limitsFor(JobClass type) {
        return limitsSetFor(type).over(type.defaults());
    }

    /** The partition of a step; null to let Slurm use its default. */
    public String partitionFor(boolean gpu) {
        return gpu && gpuPartition != null ? gpuPartition : partition;
    }

    public int retriesOrDefault() {
        return retries == null ? 0 : retries;
    }

    public int maxCpusOrDefault() {
        return maxCpus == null ? DEFAULT_MAX_CPUS : maxCpus;
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
