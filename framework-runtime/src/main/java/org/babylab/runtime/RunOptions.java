package org.babylab.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Study#run} runs and what it prints.
 *
 * <p>Added in API 0.6.
 *
 * @param devices the devices to run on; null for those the experiment declares ({@code devices:}),
 *     else those detected on this machine
 * @param console where the step lines ({@code [start]}, {@code [run]}, {@code [cached]},
 *     {@code [FAIL]}) and progress go, as {@code babylab run} prints them; never null (see
 *     {@link #quiet()})
 * @param verbose also echo each step's log lines to {@code console}
 * @param interactiveProgress redraw a live status area with ANSI escapes (for a terminal); otherwise
 *     plain lines, with a {@code [progress]} line per running step every {@code progressEvery}
 * @param progressEvery how often plain output reports running steps; positive
 */
public record RunOptions(
        Devices devices, PrintStream console, boolean verbose, boolean interactiveProgress, Duration progressEvery) {
    /** How often plain output reports running steps unless told otherwise. */
    public static final Duration DEFAULT_PROGRESS_EVERY =
            org.babylab.runtime.internal.exec.ExecutorOptions.DEFAULT_PROGRESS_EVERY;

    public RunOptions {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(progressEvery, "progressEvery");
        if (progressEvery.isNegative() || progressEvery.isZero()) {
            throw new IllegalArgumentException("progressEvery must be positive, got " + progressEvery);
        }
    }

    /** Runs on {@code devices} (null: declared, else detected) and prints nothing; events still reach the listener. */
    public static RunOptions quiet(Devices devices) {
        return new RunOptions(
                devices, new PrintStream(OutputStream.nullOutputStream()), false, false, DEFAULT_PROGRESS_EVERY);
    }

    /** Runs on the declared or detected devices and prints nothing. */
    public static RunOptions quiet() {
        return quiet(null);
    }
}
