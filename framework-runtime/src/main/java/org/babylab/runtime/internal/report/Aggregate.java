package org.babylab.runtime.internal.report;

import java.util.Locale;

/**
 * Mean, sample standard deviation (n - 1) and count of one results column over a
 * {@link ReplicateSummary}'s replicates. Immutable.
 *
 * @param mean NaN when no replicate has a result
 * @param sd the sample standard deviation (n - 1); NaN when n is below 2
 * @param n distinct results averaged
 * @param of distinct evaluations in the summary, with or without a result
 */
public record Aggregate(double mean, double sd, int n, int of) {
    /** The aggregate of {@code values}, {@code of} evaluations in all. */
    public static Aggregate of(double[] values, int of) {
        return new Aggregate(Stats.mean(values), Stats.sampleSd(values), values.length, of);
    }

    /** {@code 0.7100 ± 0.0100 (n=3)}; one result: {@code 0.7100 (n=1)}; some without a result: {@code (n=2 of 3)}. */
    public String text() {
        if (n == 0) {
            return of == 0 ? "-" : "- (n=0 of " + of + ")";
        }
        String count = n < of ? "(n=" + n + " of " + of + ")" : "(n=" + n + ")";
        return String.format(Locale.ROOT, "%.4f", mean)
                + (Double.isNaN(sd) ? "" : " ± " + String.format(Locale.ROOT, "%.4f", sd)) + " " + count;
    }
}
