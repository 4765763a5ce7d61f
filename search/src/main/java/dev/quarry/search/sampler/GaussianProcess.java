package dev.quarry.search.sampler;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * A Gaussian-process regression model on the unit cube with a Matérn 5/2 kernel and one length
 * scale per dimension (ARD), as Snoek, Larochelle and Adams (2012) recommend for hyperparameter
 * search. Kernel: {@code σ² (1 + √5 r + 5r²/3) exp(−√5 r) + σ² λ δ}, with
 * {@code r² = Σ ((x_d − x'_d) / ℓ_d)²} and a constant prior mean (the mean of the targets).
 *
 * <p>Length scales and the noise ratio λ are chosen by maximising the marginal likelihood with σ²
 * profiled out in closed form ({@code σ̂² = yᵀ(K₀ + λI)⁻¹y / n}): first over a grid of isotropic
 * scales and three noise ratios, then one pass of doubling or halving each dimension's scale.
 * Deterministic (no random restarts). Linear algebra: Commons Math's Cholesky decomposition.
 * Immutable once fitted; not thread-safe to fit, safe to query.
 */
final class GaussianProcess {

    private static final double[] SCALES = {0.04, 0.08, 0.15, 0.3, 0.6, 1.2, 2.4};
    private static final double[] NOISES = {1e-6, 1e-3, 3e-2};

    private final double[][] x;
    private final double mean;
    private final double[] lengthScales;
    private final double signal;
    private final DecompositionSolver solver;
    private final RealVector alpha;

    private GaussianProcess(double[][] x, double mean, double[] lengthScales, double signal,
            DecompositionSolver solver, RealVector alpha) {
        this.x = x;
        this.mean = mean;
        this.lengthScales = lengthScales;
        this.signal = signal;
        this.solver = solver;
        this.alpha = alpha;
    }

    /**
     * @param x points in [0, 1]^d; none gives the prior (mean 0, variance {@code priorVariance}
     *     everywhere), e.g. for a learner whose every trial so far failed
     * @param y their targets (smaller is better does not matter here)
     * @param d the dimension
     * @param priorVariance σ² to use when there are too few points to profile it (fewer than 3)
     * @return the fitted model
     */
    static GaussianProcess fit(double[][] x, double[] y, int d, double priorVariance) {
        int n = x.length;
        if (n == 0) {
            return new GaussianProcess(x, 0, filled(d, 0.3), priorVariance, null, new ArrayRealVector(0));
        }
        double mean = java.util.Arrays.stream(y).average().orElse(0);
        double[] centred = java.util.Arrays.stream(y).map(v -> v - mean).toArray();
        if (n < 3) {
            double[] ls = filled(d, 0.3);
            return build(x, mean, centred, ls, 1e-6, priorVariance);
        }
        double bestLml = Double.NEGATIVE_INFINITY;
        double[] bestLs = filled(d, 0.3);
        double bestNoise = 1e-3;
        for (double s : SCALES) {
            for (double lambda : NOISES) {
                double lml = profiledLml(x, centred, filled(d, s), lambda);
                if (lml > bestLml) {
                    bestLml = lml;
                    bestLs = filled(d, s);
                    bestNoise = lambda;
                }
            }
        }
        for (int dim = 0; dim < d; dim++) {
            for (double factor : new double[] {0.5, 2.0}) {
                double[] ls = bestLs.clone();
                ls[dim] = Math.clamp(ls[dim] * factor, 0.01, 20);
                double lml = profiledLml(x, centred, ls, bestNoise);
                if (lml > bestLml) {
                    bestLml = lml;
                    bestLs = ls;
                }
            }
        }
        double[][] k = kernel(x, bestLs, bestNoise);
        RealVector a = choleskySolver(k).solve(new ArrayRealVector(centred));
        double signal = Math.max(new ArrayRealVector(centred).dotProduct(a) / n, 1e-8);
        return build(x, mean, centred, bestLs, bestNoise, signal);
    }

    private static GaussianProcess build(double[][] x, double mean, double[] centred, double[] ls, double lambda,
            double signal) {
        double[][] k = kernel(x, ls, lambda);
        DecompositionSolver solver = choleskySolver(k);
        RealVector alpha = solver.solve(new ArrayRealVector(centred));
        return new GaussianProcess(x, mean, ls, signal, solver, alpha);
    }

    /**
     * @param point a point in [0, 1]^d
     * @return {mean, variance} of the posterior at the point (variance without the noise term)
     */
    double[] predict(double[] point) {
        int n = x.length;
        double[] kStar = new double[n];
        for (int i = 0; i < n; i++) {
            kStar[i] = matern(x[i], point, lengthScales);
        }
        var ks = new ArrayRealVector(kStar, false);
        double mu = mean + ks.dotProduct(alpha);
        double reduction = n == 0 ? 0 : ks.dotProduct(solver.solve(ks));
        double var = signal * Math.max(1 - reduction, 1e-12);
        return new double[] {mu, var};
    }

    private static double profiledLml(double[][] x, double[] centred, double[] ls, double lambda) {
        double[][] k = kernel(x, ls, lambda);
        CholeskyDecomposition chol;
        try {
            chol = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-12, 1e-14);
        } catch (NonPositiveDefiniteMatrixException e) {
            return Double.NEGATIVE_INFINITY;
        }
        RealVector a = chol.getSolver().solve(new ArrayRealVector(centred));
        int n = centred.length;
        double quad = Math.max(new ArrayRealVector(centred).dotProduct(a), 1e-300);
        double logDet = 0;
        var l = chol.getL();
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(l.getEntry(i, i));
        }
        return -0.5 * n * Math.log(quad / n) - 0.5 * logDet;
    }

    private static DecompositionSolver choleskySolver(double[][] k) {
        double jitter = 0;
        while (true) {
            try {
                double[][] copy = new double[k.length][];
                for (int i = 0; i < k.length; i++) {
                    copy[i] = k[i].clone();
                    copy[i][i] += jitter;
                }
                return new CholeskyDecomposition(new Array2DRowRealMatrix(copy, false), 1e-12, 1e-14).getSolver();
            } catch (NonPositiveDefiniteMatrixException e) {
                // Duplicate points with tiny noise: add jitter until the matrix is usable.
                jitter = jitter == 0 ? 1e-8 : jitter * 10;
            }
        }
    }

    private static double[][] kernel(double[][] x, double[] ls, double lambda) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            k[i][i] = 1 + lambda;
            for (int j = 0; j < i; j++) {
                double v = matern(x[i], x[j], ls);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        return k;
    }

    private static double matern(double[] a, double[] b, double[] ls) {
        double r2 = 0;
        for (int i = 0; i < a.length; i++) {
            double z = (a[i] - b[i]) / ls[i];
            r2 += z * z;
        }
        double r = Math.sqrt(5 * r2);
        return (1 + r + r * r / 3) * Math.exp(-r);
    }

    private static double[] filled(int d, double v) {
        double[] out = new double[d];
        java.util.Arrays.fill(out, v);
        return out;
    }
}
