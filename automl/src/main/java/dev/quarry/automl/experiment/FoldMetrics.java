package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises per-fold metrics the way every child run reports them: each metric's mean over folds,
 * and, with two folds or more, the primary metric's sample standard deviation over folds as
 * {@code <metric>_std}, which the one-standard-error rules ({@code preferSmallerModels},
 * {@link FitRule}) and the report's error bars read. Trials, ensembles and stacks alike.
 */
final class FoldMetrics {

    /** Suffix of the primary metric's standard deviation over folds. */
    static final String STD = "_std";

    private FoldMetrics() {
    }

    /**
     * @param perFold every metric of the task on each fold, at least one fold, the same keys in each
     * @param primary the primary metric
     * @return the means, in the first fold's key order, and the primary metric's {@value #STD}
     */
    static Map<String, Double> summarise(List<Map<String, Double>> perFold, Metric primary) {
        var out = new LinkedHashMap<String, Double>();
        for (String key : perFold.getFirst().keySet()) {
            out.put(key, perFold.stream().mapToDouble(m -> m.get(key)).average().orElse(Double.NaN));
        }
        if (perFold.size() > 1) {
            double mean = out.get(primary.id());
            double var = perFold.stream().mapToDouble(m -> Math.pow(m.get(primary.id()) - mean, 2)).sum()
                    / (perFold.size() - 1);
            out.put(primary.id() + STD, Math.sqrt(var));
        }
        return out;
    }
}
