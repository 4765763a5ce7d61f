package dev.quarry.runner.trial;

import java.util.Map;

/**
 * What a successful evaluation measured.
 *
 * @param score the primary metric
 * @param metrics every metric computed, the primary one included, by name
 * @param fitSeconds time spent fitting (all folds)
 */
public record Evaluation(double score, Map<String, Double> metrics, double fitSeconds) {

    /** Copies the metrics. */
    public Evaluation {
        metrics = Map.copyOf(metrics);
    }
}
