package dev.quarry.automl.evaluation;

import java.util.Arrays;

/**
 * ROC AUC by the Mann-Whitney rank statistic, ties given their average rank: O(n log n).
 * AUC is undefined when a class is absent; then 0.5 is returned for binary, and the class is
 * skipped in one-vs-rest averages (as scikit-learn's multiclass AUC requires every class present).
 */
final class Auc {

    private Auc() {
    }

    /**
     * @param y class index per row
     * @param probabilities class probabilities per row
     * @param positive the positive class
     * @return the AUC of {@code probabilities[.][positive]} separating the positive class from the rest
     */
    static double binary(int[] y, double[][] probabilities, int positive) {
        int n = y.length;
        double[] score = new double[n];
        boolean[] pos = new boolean[n];
        for (int i = 0; i < n; i++) {
            score[i] = probabilities[i][positive];
            pos[i] = y[i] == positive;
        }
        return of(score, pos);
    }

    static double of(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    static double oneVsRest(int[] y, double[][] probabilities, int k, boolean weighted) {
        int[] support = new int[k];
        for (int label : y) {
            support[label]++;
        }
        double sum = 0;
        double weights = 0;
        for (int c = 0; c < k; c++) {
            if (support[c] == 0 || support[c] == y.length) {
                continue;
            }
            double w = weighted ? support[c] : 1;
            sum += w * binary(y, probabilities, c);
            weights += w;
        }
        return weights == 0 ? 0.5 : sum / weights;
    }
}
