package dev.quarry.automl.experiment;

import dev.quarry.automl.pipeline.Stacker;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fits the regularised linear meta-learners of {@link Stacker}: L2-penalised multinomial logistic
 * regression on the members' log-probabilities (one weight per member shared by the classes, one
 * unpenalised bias per class, the first fixed at 0), solved by Newton's method with a backtracking
 * line search (the problem is strictly convex, so it converges in a few steps from any start); and
 * ridge regression on the members' predictions with an unpenalised intercept, solved in closed form.
 * The penalty is scale-free: {@code c * rows} for the logistic loss (a sum over rows), and
 * {@code c * trace(X'X) / members} for ridge. Pure and deterministic.
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
            double[] step = solve(hess, grad);
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
                for (int a = 0; a < d; a++) {
                    next[a] = theta[a] - t * step[a];
                }
                nextLoss = logisticLoss(z, rows, labels, g, classes, next, lambda);
                if (nextLoss <= loss - 1e-4 * t * decrement) {
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
        double[] w = solve(xtx, xty);
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

    /** Least squares through the pseudo-inverse, so members that are constant or copies of each other solve too. */
    private static double[] solve(double[][] a, double[] b) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
    }
}
