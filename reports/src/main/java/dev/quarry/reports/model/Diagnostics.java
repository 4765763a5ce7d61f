package dev.quarry.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * The best model's diagnostics, from its out-of-fold (or holdout) predictions: each validation row
 * predicted by the fold model that did not see it.
 *
 * @param model which model, e.g. "trial 12 (smile.random_forest)"
 * @param trial the child run it belongs to (the ensemble's own child run for an ensemble)
 * @param rows validation rows the diagnostics are over
 * @param foldScores the primary metric on each fold's validation rows
 * @param classes class labels (classification), else empty
 * @param confusion counts, {@code confusion[actual][predicted]} (classification), else null
 * @param roc the ROC curve (binary), else null
 * @param pr the precision-recall curve (binary), else null
 * @param calibration mean predicted probability against observed frequency per bin (binary), else empty
 * @param predictedActual predicted against actual values, a sample (regression), else empty
 * @param importance permutation feature importance, most important first; empty if not computed
 * @param importanceNote how importance was measured, or why it is missing
 */
public record Diagnostics(String model, int trial, int rows, List<Double> foldScores, List<String> classes, int[][] confusion,
        Curve roc, Curve pr, List<CalibrationBin> calibration, List<Pair> predictedActual,
        List<FeatureImportance> importance, String importanceNote) {

    /** Copies the lists. */
    public Diagnostics {
        Objects.requireNonNull(model, "model");
        foldScores = List.copyOf(foldScores);
        classes = List.copyOf(classes);
        calibration = List.copyOf(calibration);
        predictedActual = List.copyOf(predictedActual);
        importance = List.copyOf(importance);
    }

    /**
     * @param features permutation importance, most important first
     * @param note how it was measured, or why it is missing
     * @return a copy with them
     */
    public Diagnostics withImportance(List<FeatureImportance> features, String note) {
        return new Diagnostics(model, trial, rows, foldScores, classes, confusion, roc, pr, calibration, predictedActual,
                features, note);
    }

    /**
     * A curve as two equally long coordinate lists.
     *
     * @param x x coordinates
     * @param y y coordinates
     * @param area the area under it (ROC AUC, average precision)
     */
    public record Curve(double[] x, double[] y, double area) {

        /** Checks the lengths agree. */
        public Curve {
            if (x.length != y.length) {
                throw new IllegalArgumentException("a curve needs as many x as y, got " + x.length + " and " + y.length);
            }
        }
    }

    /**
     * @param predicted mean predicted probability of the positive class in the bin
     * @param observed share of positives in the bin
     * @param rows rows in the bin
     */
    public record CalibrationBin(double predicted, double observed, int rows) {
    }

    /**
     * @param predicted the prediction
     * @param actual the true value
     */
    public record Pair(double predicted, double actual) {
    }

    /**
     * @param column a feature column
     * @param drop how much the primary metric worsens when the column is shuffled (mean over folds)
     * @param spread its standard deviation over folds
     */
    public record FeatureImportance(String column, double drop, double spread) {
    }
}
