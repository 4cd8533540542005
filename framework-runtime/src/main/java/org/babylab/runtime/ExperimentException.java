package org.babylab.runtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an experiment has errors; carries every problem found, not only the first.
 *
 * <p>Added in API 0.6 (before, {@code org.babylab.runtime.ExperimentException}, not API).
 */
public final class ExperimentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ExperimentException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        long errors =
                problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
        return errors + " error(s) in experiment:\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
