package dev.quarry.automl.evaluation;

import dev.quarry.featurize.table.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes validation splits. Deterministic: the same rows and seed give the same splits.
 * Stratified splits deal each class's shuffled rows round-robin, so every fold's class shares match
 * the whole data's to within one row per class.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * @param rows the number of rows
     * @param k the number of folds, in [2, rows]
     * @param seed the shuffle seed
     * @return k splits whose test sides partition the rows, sizes differing by at most one
     */
    public static List<Split> kFold(int rows, int k, long seed) {
        checkFolds(rows, k);
        int[] order = shuffled(identity(rows), new SplittableRandom(seed));
        int[] fold = new int[rows];
        for (int i = 0; i < rows; i++) {
            fold[order[i]] = i % k;
        }
        return fromAssignment(fold, k);
    }

    /**
     * @param target a classification target
     * @param k the number of folds, in [2, rows]
     * @param seed the shuffle seed
     * @return k stratified splits; classes with fewer rows than k appear in as many folds as they have rows
     */
    public static List<Split> stratifiedKFold(Target target, int k, long seed) {
        int rows = target.size();
        checkFolds(rows, k);
        var rng = new SplittableRandom(seed);
        int[] fold = new int[rows];
        int next = 0;
        for (int[] members : byClass(target)) {
            for (int row : shuffled(members, rng)) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fromAssignment(fold, k);
    }

    /**
     * @param rows the number of rows
     * @param testFraction the share held out, in (0, 1)
     * @param seed the shuffle seed
     * @return one split
     */
    public static Split holdout(int rows, double testFraction, long seed) {
        checkFraction(testFraction);
        int[] order = shuffled(identity(rows), new SplittableRandom(seed));
        int test = Math.clamp(Math.round(rows * testFraction), 1, rows - 1);
        return new Split(java.util.Arrays.copyOfRange(order, test, rows), java.util.Arrays.copyOfRange(order, 0, test));
    }

    /**
     * @param target a classification target
     * @param testFraction the share held out, in (0, 1)
     * @param seed the shuffle seed
     * @return one split holding out about that share of each class, keeping at least one row of each
     *     class with two or more rows on the training side
     */
    public static Split stratifiedHoldout(Target target, double testFraction, long seed) {
        checkFraction(testFraction);
        var rng = new SplittableRandom(seed);
        var train = new ArrayList<Integer>();
        var test = new ArrayList<Integer>();
        for (int[] members : byClass(target)) {
            int[] rows = shuffled(members, rng);
            int held = rows.length < 2 ? 0 : (int) Math.min(rows.length - 1, Math.round(rows.length * testFraction));
            for (int i = 0; i < rows.length; i++) {
                (i < held ? test : train).add(rows[i]);
            }
        }
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<int[]> byClass(Target target) {
        if (target.labels() == null) {
            throw new IllegalArgumentException("stratified splits need a classification target");
        }
        int[] counts = new int[target.classCount()];
        for (int label : target.labels()) {
            counts[label]++;
        }
        var out = new ArrayList<int[]>();
        int[] filled = new int[counts.length];
        for (int count : counts) {
            out.add(new int[count]);
        }
        for (int i = 0; i < target.labels().length; i++) {
            int c = target.labels()[i];
            out.get(c)[filled[c]++] = i;
        }
        return out;
    }

    private static List<Split> fromAssignment(int[] fold, int k) {
        var splits = new ArrayList<Split>();
        for (int f = 0; f < k; f++) {
            var train = new ArrayList<Integer>();
            var test = new ArrayList<Integer>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? test : train).add(i);
            }
            splits.add(new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                    test.stream().mapToInt(Integer::intValue).toArray()));
        }
        return splits;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Fisher-Yates on a copy. */
    private static int[] shuffled(int[] values, SplittableRandom rng) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static void checkFolds(int rows, int k) {
        if (k < 2 || k > rows) {
            throw new IllegalArgumentException("`2 <= folds <= rows` must hold, got folds=" + k + " for " + rows + " rows");
        }
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("a holdout fraction must be in (0, 1), got " + f);
        }
    }
}
