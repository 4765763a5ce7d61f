package dev.quarry.automl.learner.tribuo;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;

/**
 * k-NN class probabilities with Laplace's correction: {@code (votes + 1) / (k + classes)} instead of
 * the vote share {@code votes / k}, over the classes that have training rows (a class without any
 * stays at 0, as for every learner), so that none of those gets probability 0 (Kohavi, Becker and Sommerfield
 * 1997 for tree leaves; the same estimate for neighbour votes). A vote share of 0 costs a log-loss
 * metric its clip (34.5 a row at 1e-15): 1-NN, which gives only 0 and 1, scored a perfect
 * cross-validated log loss on a separable fold of iris and shipped, then erred on 5 of 50 test rows
 * (test log loss 3.45; the next-best trial, RDA, 0.156). With the correction a 1-NN's probabilities
 * are at most {@code 2 / (1 + classes)}, which validation then prices honestly. Each row's class order
 * is unchanged, and the map from votes to probability is the same increasing one on every row, so
 * accuracy and AUC are unchanged.
 *
 * @param votes the model giving vote shares (each a multiple of {@code 1 / k})
 * @param k the neighbours
 * @param seen for each class, whether the training rows have it
 */
record LaplaceVotes(FittedModel votes, int k, boolean[] seen) implements FittedModel {

    /**
     * @param votes the model giving vote shares
     * @param k the neighbours
     * @param labels the training rows' class indices
     * @param classes the number of classes
     * @return the corrected model
     */
    static LaplaceVotes of(FittedModel votes, int k, int[] labels, int classes) {
        boolean[] seen = new boolean[classes];
        for (int label : labels) {
            seen[label] = true;
        }
        return new LaplaceVotes(votes, k, seen);
    }

    @Override
    public Predictions predict(double[][] features) {
        double[][] shares = votes.predict(features).probabilities();
        int present = 0;
        for (boolean s : seen) {
            present += s ? 1 : 0;
        }
        double[][] out = new double[shares.length][seen.length];
        for (int i = 0; i < shares.length; i++) {
            for (int c = 0; c < seen.length; c++) {
                out[i][c] = seen[c] ? (shares[i][c] * k + 1) / (k + present) : 0;
            }
        }
        return Predictions.ofProbabilities(out);
    }
}
