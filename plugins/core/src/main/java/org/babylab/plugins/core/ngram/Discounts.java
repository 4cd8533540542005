package org.babylab.plugins.core.ngram;

/**
 * The three discounts of modified Kneser-Ney for one n-gram order: what is subtracted from an
 * n-gram whose (adjusted) count is 1, 2, or 3 and more.
 *
 * @param d1 discount for count 1, in (0, 1)
 * @param d2 discount for count 2, in (0, 2)
 * @param d3 discount for counts of 3 or more, in (0, 3)
 */
public record Discounts(double d1, double d2, double d3) {
    /**
     * Used when the count-of-counts cannot support the estimate (tiny corpora have no n-gram seen
     * exactly 3 or 4 times); the same values as KenLM's {@code --discount_fallback}.
     */
    public static final Discounts FALLBACK = new Discounts(0.5, 1.0, 1.5);

    public Discounts {
        if (!(d1 > 0 && d1 < 1) || !(d2 > 0 && d2 < 2) || !(d3 > 0 && d3 < 3)) {
            throw new IllegalArgumentException(
                    "Kneser-Ney discounts must satisfy 0 < D1 < 1, 0 < D2 < 2, 0 < D3+ < 3, got " + d1 + ", " + d2
                            + ", " + d3);
        }
    }

    /**
     * The closed-form estimates of Chen &amp; Goodman (1999): with {@code Y = t1 / (t1 + 2 t2)},
     * {@code D1 = 1 - 2Y t2/t1}, {@code D2 = 2 - 3Y t3/t2}, {@code D3+ = 3 - 4Y t4/t3}, where
     * {@code tk} is the number of n-grams of the order whose count is exactly {@code k}. Falls back
     * to {@link #FALLBACK} when some {@code tk} is zero or an estimate leaves its valid range.
     */
    public static Discounts fromCountOfCounts(long t1, long t2, long t3, long t4) {
        if (t1 <= 0 || t2 <= 0 || t3 <= 0 || t4 <= 0) {
            return FALLBACK;
        }
        double y = (double) t1 / (t1 + 2.0 * t2);
        double d1 = 1 - 2 * y * t2 / t1;
        double d2 = 2 - 3 * y * t3 / t2;
        double d3 = 3 - 4 * y * t4 / t3;
        if (!(d1 > 0 && d1 < 1) || !(d2 > 0 && d2 < 2) || !(d3 > 0 && d3 < 3)) {
            return FALLBACK;
        }
        return new Discounts(d1, d2, d3);
    }

    /** The discount for an n-gram of adjusted count {@code count >= 1}. */
    public double forCount(int count) {
        return count == 1 ? d1 : count == 2 ? d2 : d3;
    }
}
