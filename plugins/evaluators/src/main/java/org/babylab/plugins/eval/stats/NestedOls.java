package org.babylab.plugins.eval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The gain in explained variance from adding one predictor to an OLS regression: fits
 * {@code y ~ 1 + base} and {@code y ~ 1 + base + extra} on the same rows with commons-math's QR-based
 * {@link OLSMultipleLinearRegression} and reports
 * {@code (R2_full - R2_base) / (1 - R2_base) x 100}, the share of the variance the base model leaves
 * unexplained that the extra predictor explains. Stateless.
 */
public final class NestedOls {
    private NestedOls() {}

    /**
     * One nested comparison.
     *
     * @param rows observations used by both fits
     * @param r2Base R-squared of the base model
     * @param r2Full R-squared of the base model plus the extra predictor
     */
    public record Comparison(int rows, double r2Base, double r2Full) {
        /** {@code (R2_full - R2_base) / (1 - R2_base) x 100}. */
        public double score() {
            return (r2Full - r2Base) / (1.0 - r2Base) * 100.0;
        }

        /** {@code R2_full - R2_base}. */
        public double deltaR2() {
            return r2Full - r2Base;
        }
    }

    /**
     * Fits both models.
     *
     * @param y the dependent variable, one value per row
     * @param base the base regressors, {@code base[row][column]}, without an intercept column (one is added)
     * @param extra the added predictor, one value per row
     * @throws IllegalArgumentException if there are fewer rows than coefficients or the design is singular
     */
    public static Comparison compare(double[] y, double[][] base, double[] extra) {
        int n = y.length;
        int p = base.length == 0 ? 0 : base[0].length;
        if (n <= p + 2) {
            throw new IllegalArgumentException(
                    "need more rows than coefficients: " + n + " rows for " + (p + 2) + " coefficients");
        }
        double[][] full = new double[n][];
        for (int i = 0; i < n; i++) {
            full[i] = Arrays.copyOf(base[i], p + 1);
            full[i][p] = extra[i];
        }
        return new Comparison(n, rSquared(y, base), rSquared(y, full));
    }

    /** R-squared of {@code y ~ 1 + x}. */
    public static double rSquared(double[] y, double[][] x) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        try {
            return ols.calculateRSquared();
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException(
                    "the regressors are collinear (singular design matrix); cannot fit OLS", e);
        }
    }

    /**
     * The design row for named main effects and every pairwise interaction, in the order
     * {@code a, b, c, a*b, a*c, b*c} (the order of R/patsy formulas {@code a + b + c + a:b + a:c + b:c}).
     */
    public static double[] withPairwiseInteractions(double... mains) {
        List<Double> out = new ArrayList<>();
        for (double m : mains) {
            out.add(m);
        }
        for (int i = 0; i < mains.length; i++) {
            for (int j = i + 1; j < mains.length; j++) {
                out.add(mains[i] * mains[j]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
