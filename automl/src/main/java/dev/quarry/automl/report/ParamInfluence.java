package dev.quarry.automl.report;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How strongly a score depends on one hyperparameter, in [0, 1]: for numbers the absolute Spearman
 * rank correlation (robust to log-scaled ranges), for categories eta squared, the share of the
 * score's variance explained by the category means. A quick screen to choose which
 * hyperparameters to plot, not a test: with few trials both are noisy.
 */
final class ParamInfluence {

    private ParamInfluence() {
    }

    /**
     * @param x values, same length as {@code y}, at least 3
     * @param y scores
     * @return |rho|, 0 if either side is constant
     */
    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        return Math.abs(pearson(rx, ry));
    }

    /**
     * @param labels category per point
     * @param y scores
     * @return eta squared, 0 if the scores are constant or there is one category
     */
    static double etaSquared(List<String> labels, double[] y) {
        double mean = Arrays.stream(y).average().orElse(0);
        Map<String, double[]> groups = new HashMap<>();
        for (int i = 0; i < y.length; i++) {
            double[] g = groups.computeIfAbsent(labels.get(i), k -> new double[2]);
            g[0] += y[i];
            g[1]++;
        }
        if (groups.size() < 2) {
            return 0;
        }
        double total = 0;
        for (double v : y) {
            total += (v - mean) * (v - mean);
        }
        if (total == 0) {
            return 0;
        }
        double between = 0;
        for (double[] g : groups.values()) {
            double m = g[0] / g[1];
            between += g[1] * (m - mean) * (m - mean);
        }
        return between / total;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** Ranks from 1, ties sharing their average rank. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                out[order[k]] = rank;
            }
            i = j + 1;
        }
        return out;
    }
}
