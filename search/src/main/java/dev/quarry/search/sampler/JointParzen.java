package dev.quarry.search.sampler;

import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * A joint density over one learner's hyperparameters in unit space, for multivariate TPE (Falkner,
 * Klein and Hutter 2018; Optuna's {@code multivariate=True}): a mixture of product kernels, one
 * centred on each observed point as a whole, plus a uniform prior with the weight of one point.
 * Because a component keeps a point's coordinates together, a draw from it stays near a good point
 * in every dimension at once, which the univariate estimator (a product of per-dimension mixtures)
 * does not: it mixes coordinates of different good points.
 *
 * <p>Numbers get a Gaussian kernel truncated to [0, 1], one bandwidth per dimension by Scott's rule
 * as Optuna scales it, {@code 0.2 · n^(-1/(d+4))}, clipped to [1/min(100, 1+n), 1]. Categories get an
 * Aitchison–Aitken kernel: the point's own choice has probability {@code 1 - λ}, every other choice
 * {@code λ/(k-1)}, with {@code λ = (k-1)/k · 1/(1+√n)} so the kernel is uniform for one point's
 * worth of evidence and sharpens with more. A point with no value for a hyperparameter (recorded
 * under an older space) contributes a uniform factor in that dimension.
 *
 * @param domains the learner's hyperparameters, in a fixed order
 * @param points observed points in unit space, {@code NaN} where a value is missing
 * @param sigmas bandwidth per numeric dimension (unused for categorical ones)
 * @param lambda the categorical kernel's off-choice mass
 */
record JointParzen(List<Hyperparameter> domains, double[][] points, double[] sigmas, double lambda) {

    /**
     * @param hyperparameters the learner's hyperparameters
     * @param observed the observed params of this learner
     * @return the fitted density
     */
    static JointParzen of(List<Hyperparameter> hyperparameters, List<Params> observed) {
        int d = hyperparameters.size();
        int n = observed.size();
        double[][] points = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                points[i][j] = unitOrNaN(hyperparameters.get(j), observed.get(i).values().get(hyperparameters.get(j).name()));
            }
        }
        double scott = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4));
        double sigma = Math.clamp(scott, 1.0 / Math.min(100, 1 + n), 1.0);
        double[] sigmas = new double[d];
        java.util.Arrays.fill(sigmas, sigma);
        return new JointParzen(hyperparameters, points, sigmas, 1.0 / (1 + Math.sqrt(n)));
    }

    private static double unitOrNaN(Hyperparameter h, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        try {
            return h.domain().toUnit(value);
        } catch (IllegalArgumentException outsideTheDomainNow) {
            return Double.NaN; // recorded under an older space; it says nothing about this one
        }
    }

    /**
     * Draws one whole point: a component (a point or the prior), then every coordinate from it.
     *
     * @param rng the source of randomness
     * @return a point in unit space, one coordinate per hyperparameter
     */
    double[] sample(SplittableRandom rng) {
        int d = domains.size();
        double[] x = new double[d];
        int component = rng.nextInt(points.length + 1);
        for (int j = 0; j < d; j++) {
            double centre = component == points.length ? Double.NaN : points[component][j];
            x[j] = domains.get(j).domain() instanceof CategoricalDomain c
                    ? sampleCategory(c.choices().size(), centre, rng)
                    : sampleNumber(centre, sigmas[j], rng);
        }
        return x;
    }

    private double sampleCategory(int k, double centre, SplittableRandom rng) {
        int choice;
        if (Double.isNaN(centre) || k == 1) {
            choice = rng.nextInt(k);
        } else {
            int own = index(centre, k);
            double offMass = offChoiceMass(k);
            if (rng.nextDouble() >= offMass) {
                choice = own;
            } else {
                choice = rng.nextInt(k - 1);
                choice = choice >= own ? choice + 1 : choice;
            }
        }
        return k == 1 ? 0.5 : choice / (double) (k - 1);
    }

    private static double sampleNumber(double centre, double sigma, SplittableRandom rng) {
        if (Double.isNaN(centre)) {
            return rng.nextDouble();
        }
        for (int attempt = 0; attempt < 64; attempt++) {
            double x = centre + sigma * gaussian(rng);
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return Math.clamp(centre, 0, 1);
    }

    /**
     * @param x a point in unit space (snapped to the domains' values)
     * @return the log density of the mixture at x
     */
    double logDensity(double[] x) {
        int n = points.length;
        double[] logs = new double[n + 1];
        logs[n] = 0; // the uniform prior: density 1 on the unit cube, probability 1/k per category
        for (int j = 0; j < x.length; j++) {
            if (domains.get(j).domain() instanceof CategoricalDomain c) {
                logs[n] -= Math.log(c.choices().size());
            }
        }
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < x.length; j++) {
                total += logKernel(j, points[i][j], x[j]);
            }
            logs[i] = total;
        }
        double max = java.util.Arrays.stream(logs).max().orElseThrow();
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum) - Math.log(n + 1);
    }

    private double logKernel(int j, double centre, double x) {
        if (domains.get(j).domain() instanceof CategoricalDomain c) {
            int k = c.choices().size();
            if (Double.isNaN(centre) || k == 1) {
                return -Math.log(k);
            }
            double offMass = offChoiceMass(k);
            return index(centre, k) == index(x, k) ? Math.log(1 - offMass) : Math.log(offMass / (k - 1));
        }
        if (Double.isNaN(centre)) {
            return 0;
        }
        double s = sigmas[j];
        double z = (x - centre) / s;
        double mass = phi((1 - centre) / s) - phi(-centre / s);
        return -0.5 * z * z - Math.log(s * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
    }

    /** Aitchison–Aitken: the mass off the point's own choice, (k-1)/k at most (then uniform). */
    private double offChoiceMass(int k) {
        return (k - 1) / (double) k * lambda;
    }

    private static int index(double unit, int k) {
        return Math.clamp((int) Math.round(unit * Math.max(1, k - 1)), 0, k - 1);
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The standard normal CDF. */
    static double phi(double x) {
        return 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
    }
}
