package org.babylab.runtime.internal.exec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * How the executor talks to the user.
 *
 * @param out where progress and step lines go, never null
 * @param verbose also echo every step's log lines to {@code out}
 * @param interactiveProgress redraw a live status area with ANSI escapes (a terminal); otherwise plain
 *     lines at the start and end of each step, and a {@code [progress]} line per running step every
 *     {@code progressEvery}
 * @param progressEvery how often plain output reports running steps (so a log under nohup, Slurm or
 *     CI is never silent for minutes); positive
 */
public record ExecutorOptions(PrintStream out, boolean verbose, boolean interactiveProgress, Duration progressEvery) {
    /** How often plain output reports running steps unless told otherwise. */
    public static final Duration DEFAULT_PROGRESS_EVERY = Duration.ofSeconds(30);

    public ExecutorOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progressEvery, "progressEvery");
        if (progressEvery.isNegative() || progressEvery.isZero()) {
            throw new IllegalArgumentException("progressEvery must be positive, got " + progressEvery);
        }
    }

    /** Options that report running steps every {@link #DEFAULT_PROGRESS_EVERY} when not interactive. */
    public ExecutorOptions(PrintStream out, boolean verbose, boolean interactiveProgress) {
        this(out, verbose, interactiveProgress, DEFAULT_PROGRESS_EVERY);
    }
}
