package dev.quarry.search.sampler;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * A Gaussian-process regression model on the unit cube with a Matérn 5/2 kernel and one length
 * scale per dimension (ARD), as Snoek, Larochelle and Adams (2012) recommend for hyperparameter
 * search. Kernel: {@code σ² (1 + √5 r + 5r²/3) exp(−√5 r) + σ² λ δ}, with
 * {@code r² = Σ ((x_d − x'_d) / ℓ_d)²}, and a prior mean {@code β₀ + β₁ bowl(x)} (a constant and
 * a quadratic bowl around the cube's centre, see {@link #bowl}), estimated by generalised least
 * squares as in Jones, Schonlau and Welch's EGO (1998): points in a cluster are correlated and count
 * as less than their number, so the many points an exploiting search piles near a good optimum do
 * not drag the prior mean, and with it the prediction far from the data, to an optimistic value
 * (which would send the search to the corners of the cube).
 *
 * <p><b>Kernel hyperparameters.</b> The length scales ℓ (in [0.02, 10]) and the noise ratio λ (in
 * [1e-6, 0.2]) maximise the log marginal likelihood with σ² profiled out in closed form
 * ({@code σ̂² = yᵀ(K₀ + λI)⁻¹y / n}), plus a weak log-normal prior on each ℓ (median 0.5, log
 * standard deviation 1.5) that keeps a few points from driving a scale to either bound. The
 * optimiser is Powell's BOBYQA (Commons Math) on the logarithms, started from the best isotropic
 * setting of a small grid and from {@link #RESTARTS} random settings drawn from the given generator,
 * so the fit is a pure function of the points and that generator. The likelihood's evaluations are
 * capped ({@link #LML_EVALUATIONS} in all), so a fit on 200 points stays in the tens of milliseconds.
 *
 * <p>Linear algebra: a plain Cholesky factorisation on arrays (Commons Math's is general but
 * allocates per call, which the hundreds of likelihood evaluations per fit would pay for).
 * Immutable once fitted; safe to query from any thread.
 */
final class GaussianProcess {

    private static final double[] SCALES = {0.05, 0.1, 0.2, 0.4, 0.8, 1.6};
    private static final double[] NOISES = {1e-6, 1e-3, 3e-2};
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 10;
    private static final double MIN_NOISE = 1e-6;
    private static final double MAX_NOISE = 0.2;
    private static final double PRIOR_LOG_SCALE = Math.log(0.5);
    private static final double PRIOR_LOG_SD = 1.5;
    /** Random starts of the likelihood optimiser besides the grid's best. */
    static final int RESTARTS = 2;
    /** Likelihood evaluations per fit, over all starts. */
    static final int LML_EVALUATIONS = 300;
    /** Points the hyperparameters are fitted on at most. */
    static final int FIT_POINTS = 100;

    private final double[][] x;
    /** The trend's coefficients: constant, and the squared distance from the cube's centre. */
    private final double[] beta;
    private final double[] lengthScales;
    private final double noise;
    private final double signal;
    /** Lower Cholesky factor of K₀ + λI, row-major n × n. */
    private final double[] chol;
    private final double[] alpha;

    private GaussianProcess(double[][] x, double[] beta, double[] lengthScales, double noise, double signal,
            double[] chol, double[] alpha) {
        this.x = x;
        this.beta = beta;
        this.lengthScales = lengthScales;
        this.noise = noise;
        this.signal = signal;
        this.chol = chol;
        this.alpha = alpha;
    }

    /**
     * @param x points in [0, 1]^d; none gives the prior (mean 0, variance {@code priorVariance}
     *     everywhere), e.g. for a learner whose every trial so far failed
     * @param y their targets
     * @param d the dimension
     * @param priorVariance σ² to use when there are too few points to profile it (fewer than 3)
     * @param rng the source of the likelihood optimiser's random starts
     * @return the fitted model
     */
    static GaussianProcess fit(double[][] x, double[] y, int d, double priorVariance, SplittableRandom rng) {
        int n = x.length;
        if (n == 0) {
            return new GaussianProcess(x, new double[2], filled(d, 0.3), MIN_NOISE, priorVariance, new double[0],
                    new double[0]);
        }
        if (n < 3 || d == 0) {
            double mean = Arrays.stream(y).average().orElse(0);
            double[] centred = Arrays.stream(y).map(v -> v - mean).toArray();
            double[] ls = filled(d, 0.3);
            double[] l = cholesky(kernel(x, ls, 1e-6));
            return new GaussianProcess(x, new double[] {mean, 0}, ls, 1e-6, priorVariance, l, solve(l, centred));
        }
        int[] subset = fitSubset(n);
        double[][] fx = new double[subset.length][];
        double[] fy = new double[subset.length];
        for (int i = 0; i < subset.length; i++) {
            fx[i] = x[subset[i]];
            fy[i] = y[subset[i]];
        }
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double s : SCALES) {
            for (double lambda : NOISES) {
                double[] theta = theta(filled(d, s), lambda);
                double v = objective(fx, fy, theta);
                if (v > bestValue) {
                    bestValue = v;
                    best = theta;
                }
            }
        }
        var tracker = new Tracker(fx, fy, best, bestValue);
        double[] lower = new double[d + 1];
        double[] upper = new double[d + 1];
        Arrays.fill(lower, Math.log(MIN_SCALE));
        Arrays.fill(upper, Math.log(MAX_SCALE));
        lower[d] = Math.log(MIN_NOISE);
        upper[d] = Math.log(MAX_NOISE);
        var starts = new double[RESTARTS + 1][];
        starts[0] = best.clone();
        for (int r = 1; r <= RESTARTS; r++) {
            starts[r] = new double[d + 1];
            for (int i = 0; i <= d; i++) {
                starts[r][i] = lower[i] + (upper[i] - lower[i]) * rng.nextDouble();
            }
        }
        int perStart = LML_EVALUATIONS / starts.length;
        for (double[] start : starts) {
            for (int i = 0; i <= d; i++) {
                // BOBYQA wants the start strictly inside the bounds.
                start[i] = Math.clamp(start[i], lower[i] + 1e-3, upper[i] - 1e-3);
            }
            try {
                new BOBYQAOptimizer(2 * (d + 1) + 1, 0.5, 1e-3).optimize(new MaxEval(perStart),
                        new ObjectiveFunction(tracker), GoalType.MAXIMIZE, new InitialGuess(start),
                        new SimpleBounds(lower, upper));
            } catch (TooManyEvaluationsException budgetSpent) {
                // The tracker holds the best setting seen; a capped search is the point of the cap.
            }
        }
        double[] ls = new double[d];
        for (int i = 0; i < d; i++) {
            ls[i] = Math.exp(tracker.best[i]);
        }
        double lambda = Math.exp(tracker.best[d]);
        double[] l = cholesky(kernel(x, ls, lambda));
        double[] beta = trend(l, x, y);
        double[] centred = new double[n];
        for (int i = 0; i < n; i++) {
            centred[i] = y[i] - beta[0] - beta[1] * bowl(x[i]);
        }
        double[] a = solve(l, centred);
        double signal = Math.max(dot(centred, a) / n, 1e-8);
        return new GaussianProcess(x, beta, ls, lambda, signal, l, a);
    }

    /**
     * The points the kernel hyperparameters are fitted on: all up to {@link #FIT_POINTS}, else the
     * first half of that many (the caller lists the best points first) and an even spread of the
     * rest, so that fitting stays cheap on long histories.
     */
    private static int[] fitSubset(int n) {
        if (n <= FIT_POINTS) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int head = FIT_POINTS / 2;
        int[] out = new int[FIT_POINTS];
        for (int i = 0; i < head; i++) {
            out[i] = i;
        }
        int rest = FIT_POINTS - head;
        for (int i = 0; i < rest; i++) {
            out[head + i] = head + (int) ((long) i * (n - head) / rest);
        }
        return out;
    }

    /** Remembers the best hyperparameters any evaluation saw, so a capped optimiser loses nothing. */
    private static final class Tracker implements MultivariateFunction {
        private final double[][] x;
        private final double[] y;
        private double[] best;
        private double bestValue;

        Tracker(double[][] x, double[] y, double[] best, double bestValue) {
            this.x = x;
            this.y = y;
            this.best = best;
            this.bestValue = bestValue;
        }

        @Override
        public double value(double[] theta) {
            double v = objective(x, y, theta);
            if (v > bestValue) {
                bestValue = v;
                best = theta.clone();
            }
            return Double.isFinite(v) ? v : -1e300;
        }
    }

    /** @return the fitted length scales (one per dimension), for tests and diagnostics */
    double[] lengthScales() {
        return lengthScales.clone();
    }

    /** @return the fitted noise ratio λ */
    double noise() {
        return noise;
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
        double mu = beta[0] + beta[1] * bowl(point) + dot(kStar, alpha);
        double reduction = 0;
        if (n > 0) {
            double[] v = forward(chol, kStar);
            reduction = dot(v, v);
        }
        double var = signal * Math.max(1 - reduction, 1e-12);
        return new double[] {mu, var};
    }

    private static double[] theta(double[] ls, double lambda) {
        double[] t = new double[ls.length + 1];
        for (int i = 0; i < ls.length; i++) {
            t[i] = Math.log(ls[i]);
        }
        t[ls.length] = Math.log(lambda);
        return t;
    }

    /**
     * Log marginal likelihood with the constant mean and σ² profiled out (generalised least squares,
     * as in Jones et al. 1998), plus the log prior on the length scales; −∞ if K is singular.
     */
    private static double objective(double[][] x, double[] y, double[] theta) {
        int d = theta.length - 1;
        double[] ls = new double[d];
        double prior = 0;
        for (int i = 0; i < d; i++) {
            ls[i] = Math.exp(theta[i]);
            double z = (theta[i] - PRIOR_LOG_SCALE) / PRIOR_LOG_SD;
            prior -= 0.5 * z * z;
        }
        double[] l = choleskyOrNull(kernel(x, ls, Math.exp(theta[d])));
        if (l == null) {
            return Double.NEGATIVE_INFINITY;
        }
        int n = y.length;
        double[] beta = trend(l, x, y);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - beta[0] - beta[1] * bowl(x[i]);
        }
        double[] vr = forward(l, r);
        double quad = dot(vr, vr);
        quad = Math.max(quad, 1e-300);
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(l[i * n + i]);
        }
        return -0.5 * n * Math.log(quad / n) - 0.5 * logDet + prior;
    }

    /**
     * The trend's coefficients by generalised least squares, {@code β = (HᵀK⁻¹H)⁻¹HᵀK⁻¹y} with
     * {@code H = [1, bowl(x)]}; the constant alone when the points do not tell the bowl apart from it.
     */
    private static double[] trend(double[] l, double[][] x, double[] y) {
        int n = y.length;
        double[] ones = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            ones[i] = 1;
            q[i] = bowl(x[i]);
        }
        double[] v1 = forward(l, ones);
        double[] vq = forward(l, q);
        double[] vy = forward(l, y);
        double a11 = dot(v1, v1);
        double a12 = dot(v1, vq);
        double a22 = dot(vq, vq);
        double b1 = dot(v1, vy);
        double b2 = dot(vq, vy);
        double det = a11 * a22 - a12 * a12;
        if (!(det > 1e-8 * a11 * a22)) {
            return new double[] {b1 / a11, 0};
        }
        return new double[] {(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det};
    }

    /**
     * The trend's second basis function: the mean squared distance per coordinate from the cube's
     * centre, times 4, so 0 at the centre and 1 at a corner. A GP whose mean reverts to a constant
     * far from the data predicts the corners of the cube, where the variance is largest, as
     * average and keeps sampling them (Siivola et al. 2018 describe this over-exploration of the
     * boundary); with this trend, fitted to the data, the reversion is to what the data say about
     * the boundary: worse than the centre on most landscapes, better when optima lie at the bounds.
     */
    private static double bowl(double[] u) {
        double s = 0;
        for (double v : u) {
            s += (v - 0.5) * (v - 0.5);
        }
        return u.length == 0 ? 0 : 4 * s / u.length;
    }

    private static double[] cholesky(double[] k) {
        int n = (int) Math.round(Math.sqrt(k.length));
        double jitter = 0;
        while (true) {
            double[] copy = k.clone();
            for (int i = 0; i < n; i++) {
                copy[i * n + i] += jitter;
            }
            double[] l = choleskyOrNull(copy);
            if (l != null) {
                return l;
            }
            // Duplicate points with tiny noise: add jitter until the matrix is usable.
            jitter = jitter == 0 ? 1e-8 : jitter * 10;
        }
    }

    /** In place; returns the lower factor (upper triangle zeroed), or null if not positive definite. */
    private static double[] choleskyOrNull(double[] a) {
        int n = (int) Math.round(Math.sqrt(a.length));
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double s = a[rj + j];
            for (int k = 0; k < j; k++) {
                s -= a[rj + k] * a[rj + k];
            }
            if (!(s > 1e-12)) {
                return null;
            }
            double ljj = Math.sqrt(s);
            a[rj + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double t = a[ri + j];
                for (int k = 0; k < j; k++) {
                    t -= a[ri + k] * a[rj + k];
                }
                a[ri + j] = t / ljj;
            }
            for (int k = j + 1; k < n; k++) {
                a[rj + k] = 0;
            }
        }
        return a;
    }

    /** Solves L v = b. */
    private static double[] forward(double[] l, double[] b) {
        int n = b.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            int ri = i * n;
            for (int k = 0; k < i; k++) {
                s -= l[ri + k] * v[k];
            }
            v[i] = s / l[ri + i];
        }
        return v;
    }

    /** Solves L Lᵀ a = b. */
    private static double[] solve(double[] l, double[] b) {
        int n = b.length;
        double[] v = forward(l, b);
        double[] a = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * a[k];
            }
            a[i] = s / l[i * n + i];
        }
        return a;
    }

    private static double[] kernel(double[][] x, double[] ls, double lambda) {
        int n = x.length;
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            k[i * n + i] = 1 + lambda;
            for (int j = 0; j < i; j++) {
                double v = matern(x[i], x[j], ls);
                k[i * n + j] = v;
                k[j * n + i] = v;
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

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] filled(int d, double v) {
        double[] out = new double[d];
        Arrays.fill(out, v);
        return out;
    }
}
