package org.babylab.api.step;

/**
 * Reports a step's progress to the console's live line. Cheap to call often; thread-safe.
 */
public interface ProgressReporter {

    /** Starts (or restarts) a counted phase, e.g. {@code start("train", "steps", 5000)}; total 0 if unknown. */
    void start(String phase, String unit, long total);

    /** Adds {@code n} units of work done. */
    void advance(long n);

    /** Sets a short status shown next to the counter, e.g. {@code "loss 3.21"}. */
    void status(String text);

    /** A reporter that ignores everything. */
    static ProgressReporter none() {
        return new ProgressReporter() {
            @Override
            public void start(String phase, String unit, long total) {}

            @Override
            public void advance(long n) {}

            @Override
            public void status(String text) {}
        };
    }
}
