package org.babylab.runtime.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What produced a set of results files: the experiment file and the command-line overrides it was
 * planned with, when, by which BabyLab, from which store. Written next to every results table and
 * shown at the top of every report, so that two runs of one file with different overrides are never
 * mistaken for each other.
 *
 * @param experiment the experiment name
 * @param file the experiment file
 * @param overrides the {@code --set} overrides, in command-line order
 * @param at when the results were written
 * @param babylabVersion the BabyLab version
 * @param store the store the results were read from
 */
public record RunInfo(
        String experiment, Path file, List<String> overrides, Instant at, String babylabVersion, Path store) {
    public RunInfo {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(file, "file");
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(store, "store");
    }
}
