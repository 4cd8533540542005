package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.babylab.runtime.internal.model.ExperimentException;
import org.babylab.runtime.internal.model.Problem;
import org.babylab.runtime.internal.model.Severity;
import org.babylab.runtime.internal.model.SourceLocation;

/**
 * Collects the problems of one load. A problem found again (the same component checked once per
 * sweep trial) is kept once. Not thread-safe.
 */
final class Problems {
    private final Set<Problem> problems = new LinkedHashSet<>();

    void error(SourceLocation at, String message, String hint) {
        problems.add(Problem.error(at, message, hint));
    }

    void warning(SourceLocation at, String message, String hint) {
        problems.add(Problem.warning(at, message, hint));
    }

    /** How many errors have been collected so far; compare before and after a step to see if it failed. */
    int errorCount() {
        return (int) problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
    }

    boolean hasErrors() {
        return errorCount() > 0;
    }

    List<Problem> all() {
        return List.copyOf(problems);
    }

    List<Problem> warnings() {
        List<Problem> out = new ArrayList<>();
        problems.stream().filter(p -> p.severity() == Severity.WARNING).forEach(out::add);
        return out;
    }

    /** Throws every problem, errors and warnings, if there is any error. */
    void throwIfErrors() {
        if (hasErrors()) {
            throw new ExperimentException(all());
        }
    }
}
