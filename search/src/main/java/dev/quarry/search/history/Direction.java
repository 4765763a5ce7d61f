package dev.quarry.search.history;

/** Whether a larger or a smaller value of a metric is better. */
public enum Direction {
    /** Larger is better (accuracy, AUC, R2). */
    MAXIMIZE,
    /** Smaller is better (log loss, RMSE, MAE). */
    MINIMIZE;

    /**
     * @param a a score, possibly NaN
     * @param b a score, possibly NaN
     * @return whether {@code a} is strictly better than {@code b}; NaN is never better, and any
     *     number is better than NaN
     */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return this == MAXIMIZE ? a > b : a < b;
    }

    /**
     * @param score a score in this direction
     * @return the score as a loss: smaller is better whatever the direction
     */
    public double toLoss(double score) {
        return this == MAXIMIZE ? -score : score;
    }
}
