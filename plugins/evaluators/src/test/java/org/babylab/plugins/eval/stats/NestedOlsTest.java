package org.babylab.plugins.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NestedOlsTest {

    /**
     * y = 1 + x + e + n/2 where e and n are orthogonal to the intercept, to x and to each other, so
     * sums of squares split exactly: SS(x) = 5, SS(e) = 4, SS(n/2) = 5, SST = 14. The base model
     * (1, x) leaves e and n: R2 = 5/14; the full model (1, x, e) leaves n: R2 = 9/14; the score is
     * (9/14 - 5/14) / (1 - 5/14) x 100 = 400/9.
     */
    @Test
    void delta_r2_score_matches_a_hand_computed_orthogonal_design() {
        double[] x = {1, 2, 3, 4};
        double[] e = {1, -1, -1, 1};
        double[] n = {-1, 3, -3, 1};
        double[] y = new double[4];
        double[][] base = new double[4][];
        for (int i = 0; i < 4; i++) {
            y[i] = 1 + x[i] + e[i] + 0.5 * n[i];
            base[i] = new double[] {x[i]};
        }
        NestedOls.Comparison c = NestedOls.compare(y, base, e);
        assertEquals(5.0 / 14, c.r2Base(), 1e-12);
        assertEquals(9.0 / 14, c.r2Full(), 1e-12);
        assertEquals(400.0 / 9, c.score(), 1e-9);
        assertEquals(4.0 / 14, c.deltaR2(), 1e-12);
    }

    @Test
    void a_predictor_collinear_with_the_base_is_reported_not_fitted() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 11.9};
        double[][] base = new double[6][];
        for (int i = 0; i < 6; i++) {
            base[i] = new double[] {x[i]};
        }
        // 2x is collinear with x: the full design is singular
        double[] twiceX = {2, 4, 6, 8, 10, 12};
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> NestedOls.compare(y, base, twiceX));
        assertEquals(true, ex.getMessage().contains("collinear"), ex.getMessage());
    }

    @Test
    void interactions_follow_the_formula_order_of_mains_then_pairs() {
        assertArrayEquals(new double[] {2, 3, 5, 6, 10, 15}, NestedOls.withPairwiseInteractions(2, 3, 5));
        assertEquals(15, NestedOls.withPairwiseInteractions(1, 2, 3, 4, 5).length);
    }

    @Test
    void too_few_rows_for_the_coefficients_is_an_error() {
        double[][] base = {{1}, {2}, {3}};
        assertThrows(
                IllegalArgumentException.class,
                () -> NestedOls.compare(new double[] {1, 2, 3}, base, new double[] {0, 1, 0}));
    }
}
