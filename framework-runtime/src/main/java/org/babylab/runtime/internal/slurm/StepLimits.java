package org.babylab.runtime.internal.slurm;

/**
 * What one kind of step asks Slurm for beyond its CPUs and GPUs. Every field may be null, meaning
 * "not set here": settings from an experiment's {@code cluster:} lie over those of the lab's profile
 * field by field, and the defaults fill in what neither sets.
 *
 * @param time the {@code --time} limit as Slurm writes it, e.g. {@code 24:00:00} or {@code 2-00:00:00}
 * @param memMegabytes the {@code --mem} request in MiB
 * @param cpus CPUs per task; overrides the step's own request (and the cap on it)
 */
public record StepLimits(String time, Long memMegabytes, Integer cpus) {
    public StepLimits {
        if (time != null && !time.matches("(\\d+-)?\\d+(:\\d{1,2}){0,2}|\\d+-\\d+|UNLIMITED|INFINITE")) {
            throw new IllegalArgumentException(
                    "time '" + time + "' is not a Slurm time such as 30, 4:00:00 or 2-00:00:00");
        }
        if (memMegabytes != null && memMegabytes < 1) {
            throw new IllegalArgumentException("mem must be at least 1M, got " + memMegabytes + "M");
        }
        if (cpus != null && cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
    }

    /** Nothing set. */
    public static final StepLimits NONE = new StepLimits(null, null, null);

    /** These limits with the unset fields taken from {@code below}. */
    public StepLimits over(StepLimits below) {
        return new StepLimits(
                time != null ? time : below.time,
                memMegabytes != null ? memMegabytes : below.memMegabytes,
                cpus != null ? cpus : below.cpus);
    }
}
