package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The meta-learners' weights are never negative, and where the free optimum is non-negative they find it. */
class MetaLearnerTest {

    @Test
    void nonNegativeLeastSquaresMatchesTheFreeSolutionWhenItIsFeasibleAndClampsOtherwise() {
        // A = [[2, 1], [1, 2]]: b = (3, 3) has the free solution (1, 1), feasible
        double[][] a = {{2, 1}, {1, 2}};
        assertArrayEquals(new double[] {1, 1}, MetaLearner.nonNegativeLeastSquares(a, new double[] {3, 3}), 1e-12);
        // b = (4, -1): the free solution (3, -2) is not; with w2 = 0, 2 w1 = 4 gives (2, 0), and there the
        // gradient of w2 is 1 * 2 - (-1) = 3 > 0, so (2, 0) is optimal (KKT)
        assertArrayEquals(new double[] {2, 0}, MetaLearner.nonNegativeLeastSquares(a, new double[] {4, -1}), 1e-12);
        assertArrayEquals(new double[] {0, 0}, MetaLearner.nonNegativeLeastSquares(a, new double[] {-1, -1}), 1e-12);
    }

    @Test
    void ridgeWeightsStayNonNegativeWhereTheFreeFitWouldSubtractAMember() {
        // y = 2a - b: a free fit subtracts b; the constrained one keeps b's weight at zero
        var random = new SplittableRandom(5);
        int n = 300;
        double[][] values = new double[2][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            values[0][i] = random.nextGaussian();
            values[1][i] = 0.5 * values[0][i] + random.nextGaussian();
            y[i] = 2 * values[0][i] - values[1][i];
        }
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        double[] theta = MetaLearner.fitRidge(values, rows, y, 1e-6);
        assertEquals(0.0, theta[1], 0.0);
        // with b's weight at zero, the best a-weight is cov(a, y) / var(a) = 2 - 0.5 = 1.5 (noise aside)
        assertEquals(1.5, theta[0], 0.15);
    }

    @Test
    void logisticWeightsStayNonNegativeFromAnyStart() {
        // member 0 knows the label's log-odds; member 1 is three times them plus noise, an overconfident
        // copy. Started from negative weights, the fit must come back to the feasible region and stay.
        var random = new SplittableRandom(9);
        int n = 400;
        double[][][] probs = new double[2][n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double logit = random.nextGaussian() * 2;
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            double other = 3 * logit + random.nextGaussian();
            probs[0][i] = new double[] {1 / (1 + Math.exp(logit)), 1 / (1 + Math.exp(-logit))};
            probs[1][i] = new double[] {1 / (1 + Math.exp(other)), 1 / (1 + Math.exp(-other))};
        }
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        double[] theta = MetaLearner.fitLogistic(probs, rows, labels, 2, 1e-6, new double[] {-1, -1, 0});
        assertTrue(theta[0] >= 0 && theta[1] >= 0, "weights " + java.util.Arrays.toString(theta));
        assertTrue(theta[0] > 0.5, "the informative member carries the stack: " + java.util.Arrays.toString(theta));
    }
}
