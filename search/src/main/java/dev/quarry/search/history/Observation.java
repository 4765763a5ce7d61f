package dev.quarry.search.history;

/**
 * An intermediate (or final) score of one trial at one resource: the unit schedulers and stopping
 * policies decide on (Ray Tune's reported result, Optuna's intermediate value).
 *
 * @param trial the trial number
 * @param resource the resource the score was measured at: a fraction of the training rows in (0, 1],
 *     or a number of iterations (trees, epochs); positive and finite
 * @param score the primary metric at that resource; may be NaN only if the metric was undefined
 */
public record Observation(int trial, double resource, double score) {

    /** Validates. */
    public Observation {
        if (trial < 0) {
            throw new IllegalArgumentException("trial numbers start at 0, got " + trial);
        }
        if (!(resource > 0) || !Double.isFinite(resource)) {
            throw new IllegalArgumentException("`resource > 0` and finite must hold, got " + resource + " (trial " + trial + ")");
        }
    }
}
