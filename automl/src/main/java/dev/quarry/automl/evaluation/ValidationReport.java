package dev.quarry.automl.evaluation;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classification model's errors on its validation rows, pooled over all folds (a row validated in
 * several repetitions counts each time): the confusion matrix, per-class precision, recall, F1 and
 * support, and for binary tasks the probability calibration: the Brier score (Brier 1950) and a
 * reliability table of {@link #BINS} equal-width bins of the predicted positive-class probability,
 * each with its row count, mean prediction and observed positive rate (DeGroot and Fienberg 1983).
 * Regression has no report. Pure; numbers that do not exist (an empty bin's rates, the precision of a
 * class never predicted) are null in {@link #toTree}.
 */
public final class ValidationReport {

    /** Reliability bins over [0, 1]. */
    public static final int BINS = 10;

    private ValidationReport() {
    }

    /**
     * @param targets each fold's validation target
     * @param predictions the model's predictions on each fold's validation rows, in fold order
     * @return the report as a JSON tree (classes, confusion, perClass, and for binary calibration), or
     *     null for regression
     */
    public static Map<String, Object> toTree(List<Target> targets, List<Predictions> predictions) {
        if (targets.size() != predictions.size()) {
            throw new IllegalArgumentException("one prediction set per fold is needed, got " + predictions.size()
                    + " for " + targets.size() + " folds");
        }
        Target first = targets.getFirst();
        if (!first.task().isClassification()) {
            return null;
        }
        int k = first.classCount();
        long[][] confusion = new long[k][k];
        double brier = 0;
        long rows = 0;
        long[] binCount = new long[BINS];
        double[] binPredicted = new double[BINS];
        long[] binPositive = new long[BINS];
        for (int f = 0; f < targets.size(); f++) {
            Target t = targets.get(f);
            Predictions p = predictions.get(f);
            for (int i = 0; i < t.size(); i++) {
                int actual = t.labels()[i];
                confusion[actual][p.predictedClass(i)]++;
                rows++;
                if (first.task() == Task.BINARY) {
                    double q = p.probabilities()[i][1];
                    int positive = actual == 1 ? 1 : 0;
                    brier += (q - positive) * (q - positive);
                    int bin = Math.min(BINS - 1, (int) Math.floor(q * BINS));
                    binCount[bin]++;
                    binPredicted[bin] += q;
                    binPositive[bin] += positive;
                }
            }
        }
        var tree = new LinkedHashMap<String, Object>();
        tree.put("rows", rows);
        tree.put("classes", first.classes());
        var matrix = new ArrayList<List<Long>>();
        for (long[] row : confusion) {
            matrix.add(java.util.Arrays.stream(row).boxed().toList());
        }
        tree.put("confusion", matrix);
        var perClass = new ArrayList<Map<String, Object>>();
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long actual = java.util.Arrays.stream(confusion[c]).sum();
            long predicted = 0;
            for (long[] row : confusion) {
                predicted += row[c];
            }
            Double precision = predicted == 0 ? null : tp / (double) predicted;
            Double recall = actual == 0 ? null : tp / (double) actual;
            Double f1 = precision == null || recall == null || precision + recall == 0 ? null
                    : 2 * precision * recall / (precision + recall);
            var m = new LinkedHashMap<String, Object>();
            m.put("class", first.classes().get(c));
            m.put("precision", precision);
            m.put("recall", recall);
            m.put("f1", f1);
            m.put("support", actual);
            perClass.add(m);
        }
        tree.put("perClass", perClass);
        if (first.task() == Task.BINARY) {
            var calibration = new LinkedHashMap<String, Object>();
            calibration.put("positiveClass", first.classes().get(1));
            calibration.put("brier", brier / rows);
            var bins = new ArrayList<Map<String, Object>>();
            for (int b = 0; b < BINS; b++) {
                var m = new LinkedHashMap<String, Object>();
                m.put("from", b / (double) BINS);
                m.put("to", (b + 1) / (double) BINS);
                m.put("rows", binCount[b]);
                m.put("meanPredicted", binCount[b] == 0 ? null : binPredicted[b] / binCount[b]);
                m.put("observedRate", binCount[b] == 0 ? null : binPositive[b] / (double) binCount[b]);
                bins.add(m);
            }
            calibration.put("reliability", bins);
            tree.put("calibration", calibration);
        }
        return tree;
    }
}
