package dev.quarry.featurize.guardrails;

import dev.quarry.featurize.table.Target;

/**
 * Class imbalance of a classification target, and the class weights that balance it. A target is
 * imbalanced when its smallest class has fewer than {@value #IMBALANCE_RATIO} times the rows of its
 * largest; then each class weighs round(largest / its count), so every class carries about the same
 * total weight. Integer weights, because that is what the learners that accept them take.
 */
public final class ClassBalance {

    /** Smallest/largest class ratio below which a target is imbalanced. */
    public static final double IMBALANCE_RATIO = 0.2;

    private ClassBalance() {
    }

    /**
     * @param target a classification target
     * @return rows per class
     */
    public static int[] counts(Target target) {
        int[] counts = new int[target.classCount()];
        for (int label : target.labels()) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * @param target a classification target
     * @return smallest over largest class count, 0 when a class has no rows
     */
    public static double ratio(Target target) {
        int[] counts = counts(target);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        return max == 0 ? 0 : min / (double) max;
    }

    /**
     * @param target a target
     * @return balancing weights per class when the target is an imbalanced classification target, else null
     */
    public static int[] weights(Target target) {
        if (!target.task().isClassification() || ratio(target) >= IMBALANCE_RATIO) {
            return null;
        }
        int[] counts = counts(target);
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        int[] w = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            w[c] = counts[c] == 0 ? 1 : (int) Math.max(1, Math.round(max / (double) counts[c]));
        }
        return w;
    }
}
