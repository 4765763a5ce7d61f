package dev.quarry.featurize.guardrails;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How well one column alone predicts the target, measured honestly: the rows are split in two
 * halves, each half is scored with the per-level target means of the other half (numbers binned
 * into up to {@value #BINS} quantile bins, missing values a level of their own). Binary: ROC AUC of
 * those means; multiclass: accuracy of the most frequent class per level; regression: R². A key
 * column (unique per row) scores like noise, because its levels never repeat across halves.
 */
final class SingleColumnScore {

    static final int BINS = 32;

    private SingleColumnScore() {
    }

    /**
     * @param column a feature column
     * @param target the target of the same rows
     * @param rows the rows to use (a subsample on large tables)
     * @param seed for the halves
     * @return the score (AUC, accuracy or R²)
     */
    static double score(Column column, Target target, int[] rows, long seed) {
        int[] level = levels(column, rows);
        int levels = Arrays.stream(level).max().orElse(0) + 1;
        int n = rows.length;
        boolean[] half = new boolean[n];
        var random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            half[i] = random.nextBoolean();
        }
        int width = target.task() == Task.MULTICLASS ? target.classCount() : 1;
        double[][][] sums = new double[2][levels][width];
        int[][] counts = new int[2][levels];
        double[] prior = new double[width];
        for (int i = 0; i < n; i++) {
            int h = half[i] ? 1 : 0;
            counts[h][level[i]]++;
            double[] y = y(target, rows[i], width);
            for (int j = 0; j < width; j++) {
                sums[h][level[i]][j] += y[j];
                prior[j] += y[j] / n;
            }
        }
        double[] predicted = new double[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int other = half[i] ? 0 : 1;
            int c = counts[other][level[i]];
            double[] s = sums[other][level[i]];
            if (width == 1) {
                predicted[i] = c == 0 ? prior[0] : s[0] / c;
            } else {
                int best = 0;
                for (int j = 1; j < width; j++) {
                    if ((c == 0 ? prior[j] : s[j]) > (c == 0 ? prior[best] : s[best])) {
                        best = j;
                    }
                }
                correct += best == target.labels()[rows[i]] ? 1 : 0;
            }
        }
        return switch (target.task()) {
            case BINARY -> auc(predicted, target, rows);
            case MULTICLASS -> correct / (double) n;
            case REGRESSION -> r2(predicted, target, rows);
        };
    }

    private static double[] y(Target target, int row, int width) {
        if (target.task() == Task.REGRESSION) {
            return new double[] {target.values()[row]};
        }
        if (width == 1) {
            return new double[] {target.labels()[row]};
        }
        double[] y = new double[width];
        y[target.labels()[row]] = 1;
        return y;
    }

    /** Level index per selected row; numbers by quantile bin, the last level for missing. */
    private static int[] levels(Column column, int[] rows) {
        int[] out = new int[rows.length];
        if (column instanceof CategoricalColumn c) {
            int missing = c.levels().size();
            for (int i = 0; i < rows.length; i++) {
                int code = c.codes()[rows[i]];
                out[i] = code < 0 ? missing : code;
            }
            return out;
        }
        double[] v = ((NumericColumn) column).values();
        double[] present = Arrays.stream(rows).mapToDouble(r -> v[r]).filter(Double::isFinite).sorted().toArray();
        double[] edges = new double[BINS - 1];
        for (int b = 1; b < BINS; b++) {
            edges[b - 1] = present.length == 0 ? 0 : present[(int) ((long) b * (present.length - 1) / BINS)];
        }
        for (int i = 0; i < rows.length; i++) {
            double x = v[rows[i]];
            if (!Double.isFinite(x)) {
                out[i] = BINS;
                continue;
            }
            int at = Arrays.binarySearch(edges, x);
            out[i] = at >= 0 ? at : -at - 1;
        }
        return out;
    }

    /**
     * ROC AUC with ties counted half (Mann-Whitney U), the positive class being the second. Scores
     * are target means in [0, 1], whose IEEE bits sort like the numbers, so (bits, label) pairs sort
     * as primitive longs.
     */
    static double auc(double[] score, Target target, int[] rows) {
        int n = score.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (Double.doubleToLongBits(Math.max(0, score[i]) + 0.0) << 1) | target.labels()[rows[i]];
        }
        java.util.Arrays.sort(keys);
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && keys[j + 1] >>> 1 == keys[i] >>> 1) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if ((keys[k] & 1) == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double r2(double[] predicted, Target target, int[] rows) {
        double mean = 0;
        for (int r : rows) {
            mean += target.values()[r] / rows.length;
        }
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < rows.length; i++) {
            double y = target.values()[rows[i]];
            sse += (y - predicted[i]) * (y - predicted[i]);
            sst += (y - mean) * (y - mean);
        }
        return sst == 0 ? 0 : 1 - sse / sst;
    }
}
