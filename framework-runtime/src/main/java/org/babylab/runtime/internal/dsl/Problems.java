package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;
import org.babylab.runtime.Severity;
import org.babylab.runtime.SourceLocation;

/**
 * Collects the problems of one load. A problem found again (the same component checked once per
 * sweep trial) is kept once. At most {@link #MAX_ERRORS} errors are kept, then one line counts the
 * rest: a file of 200,000 duplicate keys must not print 200,000 lines. Not thread-safe.
 */
final class Problems {
    static final int MAX_ERRORS = 100;

    private final Set<Problem> problems = new LinkedHashSet<>();
    private int errors;
    private int dropped;
    private SourceLocation firstDropped;

    void error(SourceLocation at, String message, String hint) {
        Problem p = Problem.error(at, message, hint);
        if (problems.contains(p)) {
            return;
        }
        errors++;
        if (errors > MAX_ERRORS) {
            if (dropped++ == 0) {
                firstDropped = at;
            }
            return;
        }
        problems.add(p);
    }

    void warning(SourceLocation at, String message, String hint) {
        problems.add(Problem.warning(at, message, hint));
    }

    /** How many errors have been collected so far; compare before and after a step to see if it failed. */
    int errorCount() {
        return errors;
    }

    boolean hasErrors() {
        return errorCount() > 0;
    }

    List<Problem> all() {
        List<Problem> out = new ArrayList<>(problems);
        if (dropped > 0) {
            out.add(Problem.error(
                    firstDropped, "and " + dropped + " more error(s), not shown", "fix the errors above first"));
        }
        return List.copyOf(out);
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
