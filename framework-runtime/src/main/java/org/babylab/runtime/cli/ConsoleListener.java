package org.babylab.runtime.cli;

import java.io.PrintWriter;
import org.babylab.runtime.BabyLabListener;
import org.babylab.runtime.Problem;
import org.babylab.runtime.Severity;

/**
 * The console side of loading: plugin problems, experiment warnings and damaged store entries, on
 * standard error as they are found. (The step lines of a run are printed by the runtime's progress
 * display, given as {@code RunOptions.console}.)
 */
final class ConsoleListener implements BabyLabListener {
    private final PrintWriter err;

    ConsoleListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void pluginProblem(Problem p) {
        err.println(p.severity() == Severity.ERROR ? p + "\n    (that plugin was not loaded)" : p.toString());
    }

    @Override
    public void experimentWarning(Problem warning) {
        err.println(warning);
    }

    @Override
    public void storeEntryDamaged(String description) {
        err.println("warning: " + description);
        err.flush();
    }
}
