package dev.quarry.reports.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The best child run and how sure the score is.
 *
 * @param trial its trial number
 * @param learner its learner
 * @param score its primary metric
 * @param ciLow lower end of the 95% confidence interval of the mean over folds, or null (one fold)
 * @param ciHigh upper end, or null
 * @param folds how many folds the interval is over, 0 if unknown
 * @param params its hyperparameters as text
 */
public record Best(int trial, String learner, double score, Double ciLow, Double ciHigh, int folds,
        Map<String, String> params) {

    /** Checks the interval is ordered and copies the params in name order. */
    public Best {
        if ((ciLow == null) != (ciHigh == null) || ciLow != null && ciLow > ciHigh) {
            throw new IllegalArgumentException("a confidence interval needs ciLow <= ciHigh, got " + ciLow + ", " + ciHigh);
        }
        params = new TreeMap<>(params);
    }
}
