package dev.quarry.examples.search;

import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard global-optimisation test functions (Dixon and Szegő 1978), minimised, with a
 * low-fidelity version for multi-fidelity schedulers.
 *
 * @param name the function's name
 * @param space its box, as one learner's hyperparameters x1..xd
 * @param optimum its global minimum
 * @param tolerance "solved" means a full-fidelity value within this of the optimum
 */
record TestFunctions(String name, SearchSpace space, double optimum, double tolerance) {

    static final TestFunctions BRANIN = new TestFunctions("branin", box(new double[][] {{-5, 10}, {0, 15}}),
            0.397887, 0.1);
    static final TestFunctions HARTMANN6 = new TestFunctions("hartmann6", box(unit(6)), -3.32237, 0.1);

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    /**
     * @param p a point
     * @return the function's value
     */
    double value(Params p) {
        double[] x = new double[p.values().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.getDouble("x" + (i + 1));
        }
        return name.equals("branin") ? branin(x) : hartmann6(x);
    }

    /**
     * A cheaper, biased view at a share r of the full fidelity: {@code f(x) + (1 − r) · b(x)}, with
     * b a smooth bias of the function's own scale ({@code 0.5 ·} the distance to the box centre
     * squared, times the function's range), so low rungs rank points roughly but not exactly as the
     * full function does, as small training sets do for models.
     *
     * @param p a point
     * @param r the fidelity share in (0, 1]
     * @return the value at that fidelity
     */
    double valueAt(Params p, double r) {
        double bias = 0;
        int d = p.values().size();
        for (int i = 0; i < d; i++) {
            var domain = (FloatDomain) space.learners().getFirst().hyperparameters().get(i).domain();
            double u = (p.getDouble("x" + (i + 1)) - domain.low()) / (domain.high() - domain.low());
            bias += (u - 0.5) * (u - 0.5);
        }
        double range = name.equals("branin") ? 20 : 1;
        return value(p) + (1 - r) * 0.5 * bias * range;
    }

    static double branin(double[] x) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        return Math.pow(x[1] - b * x[0] * x[0] + c * x[0] - 6, 2) + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x[0]) + 10;
    }

    static double hartmann6(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                inner += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    private static double[][] unit(int d) {
        double[][] out = new double[d][];
        for (int i = 0; i < d; i++) {
            out[i] = new double[] {0, 1};
        }
        return out;
    }

    private static SearchSpace box(double[][] bounds) {
        var h = new ArrayList<Hyperparameter>();
        for (int i = 0; i < bounds.length; i++) {
            h.add(new Hyperparameter("x" + (i + 1), new FloatDomain(bounds[i][0], bounds[i][1], false),
                    (bounds[i][0] + bounds[i][1]) / 2));
        }
        return new SearchSpace(List.of(new LearnerSpace("f", h)));
    }
}
