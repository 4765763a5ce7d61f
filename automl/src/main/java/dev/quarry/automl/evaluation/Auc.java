package dev.quarry.automl.evaluation;

import java.util.Arrays;

/**
 * ROC AUC as the Mann-Whitney U statistic: the share of (positive, negative) pairs the score orders
 * correctly, a tie counting one half (Hanley and McNeil 1982). This equals the rank-sum formula with
 * ties given their average rank.
 *
 * <p>The positives' and negatives' scores are sorted separately as primitive arrays and merged, so one
 * AUC costs O(n log n) time and O(n) memory without boxing: 200k rows take milliseconds. Scores are
 * ordered as {@link Double#compare} orders them, so a NaN score is a consistent value above every
 * number instead of corrupting the ranks.
 *
 * <p>AUC is undefined when one side is empty; then binary AUC is 0.5 (a score that cannot rank), and a
 * one-vs-rest average skips that class. scikit-learn raises instead, but a validation fold that lacks a
 * class must not fail a whole trial.
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
        int positives = 0;
        for (int label : y) {
            if (label == positive) {
                positives++;
            }
        }
        double[] pos = new double[positives];
        double[] neg = new double[y.length - positives];
        int p = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            double score = probabilities[i][positive];
            if (y[i] == positive) {
                pos[p++] = score;
            } else {
                neg[n++] = score;
            }
        }
        return of(pos, neg);
    }

    /**
     * @param positiveScores the scores of the positive rows; sorted in place
     * @param negativeScores the scores of the negative rows; sorted in place
     * @return the share of pairs with the positive scored higher, ties counting half; 0.5 if a side is empty
     */
    static double of(double[] positiveScores, double[] negativeScores) {
        int positives = positiveScores.length;
        int negatives = negativeScores.length;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        Arrays.sort(positiveScores);
        Arrays.sort(negativeScores);
        // wins counts half-pairs so the sum stays an exact integer (up to 2^53) whatever n is.
        double halfWins = 0;
        int below = 0;
        int i = 0;
        while (i < positives) {
            double v = positiveScores[i];
            int group = i;
            while (group < positives && Double.compare(positiveScores[group], v) == 0) {
                group++;
            }
            while (below < negatives && Double.compare(negativeScores[below], v) < 0) {
                below++;
            }
            int notAbove = below;
            while (notAbove < negatives && Double.compare(negativeScores[notAbove], v) == 0) {
                notAbove++;
            }
            // each positive in the group beats `below` negatives and ties `notAbove - below`
            halfWins += (group - i) * (2.0 * below + (notAbove - below));
            i = group;
        }
        return halfWins / 2 / ((double) positives * negatives);
    }

    /**
     * @param y class index per row
     * @param probabilities class probabilities per row
     * @param k the number of classes
     * @param weighted whether each class weighs by its support (else equally)
     * @return the mean one-vs-rest AUC over classes with both positives and negatives; 0.5 if none has
     */
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
