package dev.quarry.automl.report;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.reports.model.Diagnostics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The best model's diagnostics from its predictions on each fold's validation rows (out-of-fold
 * predictions: every row predicted by a model that did not train on it). Classification gets a
 * confusion matrix at the most probable class; binary tasks add ROC and precision-recall curves
 * (positive class: the second class label) and a ten-bin calibration table; regression gets a
 * sample of predicted-against-actual pairs. Pure; permutation importance is added by
 * {@link PermutationImportance}.
 */
public final class DiagnosticsBuilder {

    /** Curve points kept at most; the curves' areas use every point. */
    static final int MAX_CURVE_POINTS = 400;
    /** Predicted-against-actual pairs kept at most. */
    static final int MAX_PAIRS = 1500;
    private static final int CALIBRATION_BINS = 10;

    private DiagnosticsBuilder() {
    }

    /**
     * @param model which model, for people
     * @param trial its child run
     * @param metric the primary metric
     * @param truths each fold's validation target
     * @param predictions the model's predictions on each fold's validation rows, in the same order
     * @return the diagnostics, without importance
     */
    public static Diagnostics build(String model, int trial, Metric metric, List<Target> truths, List<Predictions> predictions) {
        if (truths.isEmpty() || truths.size() != predictions.size()) {
            throw new IllegalArgumentException("need one prediction set per fold, got " + predictions.size()
                    + " for " + truths.size() + " folds");
        }
        var foldScores = new ArrayList<Double>();
        for (int f = 0; f < truths.size(); f++) {
            foldScores.add(metric.compute(truths.get(f), predictions.get(f)));
        }
        Target first = truths.getFirst();
        int rows = truths.stream().mapToInt(Target::size).sum();
        if (!first.task().isClassification()) {
            double[] predicted = new double[rows];
            double[] actual = new double[rows];
            int i = 0;
            for (int f = 0; f < truths.size(); f++) {
                for (int r = 0; r < truths.get(f).size(); r++, i++) {
                    predicted[i] = predictions.get(f).values()[r];
                    actual[i] = truths.get(f).values()[r];
                }
            }
            var pairs = new ArrayList<Diagnostics.Pair>();
            int step = Math.max(1, (rows + MAX_PAIRS - 1) / MAX_PAIRS);
            for (int r = 0; r < rows; r += step) {
                if (Double.isFinite(predicted[r]) && Double.isFinite(actual[r])) {
                    pairs.add(new Diagnostics.Pair(predicted[r], actual[r]));
                }
            }
            return new Diagnostics(model, trial, rows, foldScores, List.of(), null, null, null, List.of(), pairs, List.of(), null);
        }
        int k = first.classCount();
        int[][] confusion = new int[k][k];
        int[] labels = new int[rows];
        double[] positive = new double[rows];
        int i = 0;
        for (int f = 0; f < truths.size(); f++) {
            Predictions p = predictions.get(f);
            for (int r = 0; r < truths.get(f).size(); r++, i++) {
                labels[i] = truths.get(f).labels()[r];
                confusion[labels[i]][p.predictedClass(r)]++;
                positive[i] = k == 2 ? p.probabilities()[r][1] : Double.NaN;
            }
        }
        if (first.task() != Task.BINARY) {
            return new Diagnostics(model, trial, rows, foldScores, first.classes(), confusion, null, null, List.of(), List.of(),
                    List.of(), null);
        }
        Curves c = curves(labels, positive);
        return new Diagnostics(model, trial, rows, foldScores, first.classes(), confusion, c.roc(), c.pr(),
                calibration(labels, positive), List.of(), List.of(), null);
    }

    private record Curves(Diagnostics.Curve roc, Diagnostics.Curve pr) {
    }

    /** ROC and precision-recall over the thresholds between distinct scores, positives being label 1. */
    static Curves curves(int[] labels, double[] score) {
        Integer[] order = new Integer[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        int positives = (int) Arrays.stream(labels).filter(l -> l == 1).count();
        int negatives = labels.length - positives;
        var fpr = new ArrayList<Double>(List.of(0.0));
        var tpr = new ArrayList<Double>(List.of(0.0));
        var recall = new ArrayList<Double>();
        var precision = new ArrayList<Double>();
        double auc = 0;
        double ap = 0;
        int tp = 0;
        int fp = 0;
        double lastRecall = 0;
        for (int n = 0; n < order.length; n++) {
            if (labels[order[n]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (n + 1 < order.length && score[order[n + 1]] == score[order[n]]) {
                continue;
            }
            double x = negatives == 0 ? 0 : fp / (double) negatives;
            double y = positives == 0 ? 0 : tp / (double) positives;
            auc += (x - fpr.getLast()) * (y + tpr.getLast()) / 2;
            fpr.add(x);
            tpr.add(y);
            double prec = tp / (double) (tp + fp);
            ap += (y - lastRecall) * prec;
            lastRecall = y;
            recall.add(y);
            precision.add(prec);
        }
        return new Curves(new Diagnostics.Curve(thin(fpr), thin(tpr), auc),
                new Diagnostics.Curve(thin(recall), thin(precision), ap));
    }

    /** Keeps at most {@link #MAX_CURVE_POINTS} evenly spaced points, always the first and last. */
    private static double[] thin(List<Double> v) {
        int step = Math.max(1, (v.size() + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
        var out = new ArrayList<Double>();
        for (int i = 0; i < v.size(); i += step) {
            out.add(v.get(i));
        }
        if ((v.size() - 1) % step != 0) {
            out.add(v.getLast());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Diagnostics.CalibrationBin> calibration(int[] labels, double[] p) {
        double[] sum = new double[CALIBRATION_BINS];
        int[] hits = new int[CALIBRATION_BINS];
        int[] n = new int[CALIBRATION_BINS];
        for (int i = 0; i < labels.length; i++) {
            int b = Math.min(CALIBRATION_BINS - 1, (int) Math.floor(p[i] * CALIBRATION_BINS));
            b = Math.max(0, b);
            sum[b] += p[i];
            hits[b] += labels[i] == 1 ? 1 : 0;
            n[b]++;
        }
        var out = new ArrayList<Diagnostics.CalibrationBin>();
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (n[b] > 0) {
                out.add(new Diagnostics.CalibrationBin(sum[b] / n[b], hits[b] / (double) n[b], n[b]));
            }
        }
        return out;
    }
}
