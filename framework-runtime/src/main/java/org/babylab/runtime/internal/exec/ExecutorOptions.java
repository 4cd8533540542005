package org.babylab.runtime.internal.exec;

import java.io.PrintStream;
import java.util.Objects;

/**
 * How the executor talks to the user.
 *
 * @param out where progress and step lines go, never null
 * @param verbose also echo every step's log lines to {@code out}
 * @param interactiveProgress redraw a live status area with ANSI escapes (a terminal); otherwise plain
 *     lines at the start and end of each step
 */
public record ExecutorOptions(PrintStream out, boolean verbose, boolean interactiveProgress) {
    public ExecutorOptions {
        Objects.requireNonNull(out, "out");
    }
}
