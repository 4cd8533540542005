package org.babylab.runtime.internal.report;

import java.util.List;

/**
 * One results row's macro average over a {@link Benchmark}'s tasks. Immutable.
 *
 * @param value the mean of every task's primary metric, or null when the average is partial
 * @param done tasks with a result
 * @param of the benchmark's tasks
 * @param missing the tasks without a result: not evaluated by the study, failed, not run yet, or
 *     evaluated by several evaluators (which one counts would be a guess)
 * @param keys the evaluation step keys it averages, which identify it across trials
 */
public record BenchmarkAverage(Double value, int done, int of, List<String> missing, List<String> keys) {
    public BenchmarkAverage {
        missing = List.copyOf(missing);
        keys = List.copyOf(keys);
    }

    /** True when a task of the benchmark has no result: then there is no value. */
    public boolean partial() {
        return value == null;
    }
}
