package dev.quarry.automl.experiment;

import dev.quarry.automl.pipeline.Stacker;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fits the regularised linear meta-learners of {@link Stacker}: L2-penalised multinomial logistic
 * regression on the members' log-probabilities (one weight per member shared by the classes, one
 * unpenalised bias per class, the first fixed at 0), solved by projected Newton steps with a
 * backtracking line search (the problem is strictly convex, so it converges in a few steps from any
 * start); and ridge regression on the members' predictions with an unpenalised intercept, solved by
 * Lawson and Hanson's active set. Member weights are never negative (Breiman 1996, "Stacked
 * regressions": unconstrained stacks of similar members learn fragile differences between them;
 * H2O's stacked ensembles constrain them the same way). The penalty is scale-free: {@code c * rows}
 * for the logistic loss (a sum over rows), and {@code c * trace(X'X) / members} for ridge. Pure and
 * deterministic.
 */
final class MetaLearner {

    private static final int MAX_NEWTON = 50;
    /** Keeps the bias block of the Hessian invertible when a class is absent from the rows. */
    private static final double BIAS_RIDGE = 1e-6;

    private MetaLearner() {
    }

    /**
     * @param probs probs[g][r]: member g's class probabilities on row r
     * @param rows the rows to fit on
     * @param labels labels[r]: row r's class index
     * @param classes the number of classes
     * @param c the penalty per row
     * @param start a previous solution to start from (warm start), or null
     * @return theta: the member weights, then the biases of classes 1..K-1
     */
    static double[] fitLogistic(double[][][] probs, int[] rows, int[] labels, int classes, double c, double[] start) {
        int g = probs.length;
        int d = g + classes - 1;
        double[][] z = logFeatures(probs, rows, classes);
        double lambda = c * rows.length;
        double[] theta = start != null ? start.clone() : new double[d];
        for (int a = 0; a < g; a++) {
            theta[a] = Math.max(0, theta[a]);
        }
        double loss = logisticLoss(z, rows, labels, g, classes, theta, lambda);
        for (int iter = 0; iter < MAX_NEWTON; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            double[] p = new double[classes];
            double[] m = new double[g];
            for (int i = 0; i < rows.length; i++) {
                double[] zi = z[i];
                scores(zi, g, classes, theta, p);
                Stacker.softmax(p);
                int y = labels[rows[i]];
                Arrays.fill(m, 0);
                for (int a = 0; a < g; a++) {
                    for (int k = 0; k < classes; k++) {
                        m[a] += p[k] * zi[a * classes + k];
                    }
                    grad[a] += m[a] - zi[a * classes + y];
                }
                for (int k = 1; k < classes; k++) {
                    grad[g + k - 1] += p[k] - (y == k ? 1 : 0);
                }
                for (int a = 0; a < g; a++) {
                    for (int b = a; b < g; b++) {
                        double s = 0;
                        for (int k = 0; k < classes; k++) {
                            s += p[k] * zi[a * classes + k] * zi[b * classes + k];
                        }
                        hess[a][b] += s - m[a] * m[b];
                    }
                    for (int k = 1; k < classes; k++) {
                        hess[a][g + k - 1] += p[k] * zi[a * classes + k] - m[a] * p[k];
                    }
                }
                for (int k = 1; k < classes; k++) {
                    for (int l = k; l < classes; l++) {
                        hess[g + k - 1][g + l - 1] += (k == l ? p[k] : 0) - p[k] * p[l];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                double ridge = a < g ? lambda : BIAS_RIDGE * rows.length;
                grad[a] += ridge * theta[a];
                hess[a][a] += ridge;
                for (int b = 0; b < a; b++) {
                    hess[a][b] = hess[b][a];
                }
            }
            // a weight at zero that the gradient pushes below zero stays there (Bertsekas 1982)
            boolean[] bound = new boolean[d];
            for (int a = 0; a < g; a++) {
                bound[a] = theta[a] <= 0 && grad[a] > 0;
            }
            double[] step = solveFree(hess, grad, bound);
            double decrement = 0;
            for (int a = 0; a < d; a++) {
                decrement += grad[a] * step[a];
            }
            if (!(decrement > 1e-10 * Math.max(1, rows.length))) {
                break;
            }
            double t = 1;
            double[] next = new double[d];
            double nextLoss = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++) {
                double descent = 0;
                for (int a = 0; a < d; a++) {
                    next[a] = theta[a] - t * step[a];
                    if (a < g) {
                        next[a] = Math.max(0, next[a]);
                    }
                    descent += grad[a] * (theta[a] - next[a]);
                }
                nextLoss = logisticLoss(z, rows, labels, g, classes, next, lambda);
                if (nextLoss <= loss - 1e-4 * descent) {
                    break;
                }
                t /= 2;
            }
            if (!(nextLoss < loss)) {
                break;
            }
            theta = next.clone();
            loss = nextLoss;
        }
        return theta;
    }

    /**
     * @param values values[g][r]: member g's prediction on row r
     * @param rows the rows to fit on
     * @param target target[r]: row r's value
     * @param c the penalty relative to the members' mean variance
     * @return theta: the member weights, then the intercept
     */
    static double[] fitRidge(double[][] values, int[] rows, double[] target, double c) {
        int g = values.length;
        double[] mean = new double[g];
        double yMean = 0;
        for (int r : rows) {
            yMean += target[r];
            for (int a = 0; a < g; a++) {
                mean[a] += values[a][r];
            }
        }
        yMean /= rows.length;
        for (int a = 0; a < g; a++) {
            mean[a] /= rows.length;
        }
        double[][] xtx = new double[g][g];
        double[] xty = new double[g];
        for (int r : rows) {
            double y = target[r] - yMean;
            for (int a = 0; a < g; a++) {
                double xa = values[a][r] - mean[a];
                xty[a] += xa * y;
                for (int b = 0; b < g; b++) {
                    xtx[a][b] += xa * (values[b][r] - mean[b]);
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < g; a++) {
            trace += xtx[a][a];
        }
        double lambda = c * (trace > 0 ? trace / g : 1);
        for (int a = 0; a < g; a++) {
            // a tiny floor keeps constant members (zero variance) solvable
            xtx[a][a] += lambda + 1e-12 * Math.max(trace, 1);
        }
        double[] w = nonNegativeLeastSquares(xtx, xty);
        double intercept = yMean;
        for (int a = 0; a < g; a++) {
            intercept -= w[a] * mean[a];
        }
        double[] theta = Arrays.copyOf(w, g + 1);
        theta[g] = intercept;
        return theta;
    }

    /**
     * @param theta a solution of {@link #fitLogistic} or {@link #fitRidge}
     * @param groupSizes the pipeline members per member configuration
     * @param classes the number of classes, 0 for regression
     * @return the stacker it defines
     */
    static Stacker stacker(double[] theta, int[] groupSizes, int classes) {
        int g = groupSizes.length;
        double[] weights = Arrays.copyOf(theta, g);
        double[] biases;
        if (classes == 0) {
            biases = new double[] {theta[g]};
        } else {
            biases = new double[classes];
            System.arraycopy(theta, g, biases, 1, classes - 1);
        }
        return new Stacker(groupSizes, weights, biases);
    }

    private static double[][] logFeatures(double[][][] probs, int[] rows, int classes) {
        double[][] z = new double[rows.length][probs.length * classes];
        for (int i = 0; i < rows.length; i++) {
            for (int a = 0; a < probs.length; a++) {
                double[] p = probs[a][rows[i]];
                for (int k = 0; k < classes; k++) {
                    z[i][a * classes + k] = Math.log(Math.max(p[k], Stacker.FLOOR));
                }
            }
        }
        return z;
    }

    private static void scores(double[] zi, int g, int classes, double[] theta, double[] out) {
        for (int k = 0; k < classes; k++) {
            double s = k == 0 ? 0 : theta[g + k - 1];
            for (int a = 0; a < g; a++) {
                s += theta[a] * zi[a * classes + k];
            }
            out[k] = s;
        }
    }

    private static double logisticLoss(double[][] z, int[] rows, int[] labels, int g, int classes, double[] theta,
            double lambda) {
        double loss = 0;
        double[] s = new double[classes];
        for (int i = 0; i < rows.length; i++) {
            scores(z[i], g, classes, theta, s);
            double max = Arrays.stream(s).max().orElse(0);
            double sum = 0;
            for (double v : s) {
                sum += Math.exp(v - max);
            }
            loss += max + Math.log(sum) - s[labels[rows[i]]];
        }
        for (int a = 0; a < theta.length; a++) {
            loss += 0.5 * (a < g ? lambda : BIAS_RIDGE * rows.length) * theta[a] * theta[a];
        }
        return loss;
    }

    /**
     * The Newton step on the free variables: {@code hess_FF step_F = grad_F}, zero on the bound ones.
     */
    private static double[] solveFree(double[][] hess, double[] grad, boolean[] bound) {
        int[] free = java.util.stream.IntStream.range(0, grad.length).filter(a -> !bound[a]).toArray();
        double[][] h = new double[free.length][free.length];
        double[] r = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            r[i] = grad[free[i]];
            for (int j = 0; j < free.length; j++) {
                h[i][j] = hess[free[i]][free[j]];
            }
        }
        double[] reduced = free.length == 0 ? new double[0] : solve(h, r);
        double[] step = new double[grad.length];
        for (int i = 0; i < free.length; i++) {
            step[free[i]] = reduced[i];
        }
        return step;
    }

    /**
     * Minimises {@code w'Aw/2 - b'w} over {@code w >= 0} for a symmetric positive definite A: Lawson
     * and Hanson's active set (1974), on the normal equations.
     */
    static double[] nonNegativeLeastSquares(double[][] a, double[] b) {
        int n = b.length;
        double[] w = new double[n];
        boolean[] passive = new boolean[n];
        for (int outer = 0; outer < 3 * n + 3; outer++) {
            int enter = -1;
            double most = 1e-12 * (1 + Arrays.stream(b).map(Math::abs).max().orElse(0));
            for (int i = 0; i < n; i++) {
                double gradient = -b[i];
                for (int j = 0; j < n; j++) {
                    gradient += a[i][j] * w[j];
                }
                if (!passive[i] && -gradient > most) {
                    most = -gradient;
                    enter = i;
                }
            }
            if (enter < 0) {
                break;
            }
            passive[enter] = true;
            for (int inner = 0; inner < 3 * n + 3; inner++) {
                boolean[] bound = new boolean[n];
                for (int i = 0; i < n; i++) {
                    bound[i] = !passive[i];
                }
                // solve A_PP z_P = b_P (w is zero off P)
                double[] z = solveFree(a, b, bound);
                boolean feasible = true;
                double alpha = 1;
                for (int i = 0; i < n; i++) {
                    if (passive[i] && z[i] <= 0) {
                        feasible = false;
                        alpha = Math.min(alpha, w[i] / (w[i] - z[i]));
                    }
                }
                if (feasible) {
                    w = z;
                    break;
                }
                for (int i = 0; i < n; i++) {
                    w[i] += alpha * (z[i] - w[i]);
                    if (passive[i] && w[i] <= 1e-15) {
                        w[i] = 0;
                        passive[i] = false;
                    }
                }
            }
        }
        return w;
    }

    /** Least squares through the pseudo-inverse, so members that are constant or copies of each other solve too. */
    private static double[] solve(double[][] a, double[] b) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
    }
}
