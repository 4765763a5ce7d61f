package dev.quarry.runner.trial;

import dev.quarry.search.space.Params;
import java.time.Duration;

/**
 * One trial to run: small, so it can travel to a worker.
 *
 * @param experimentId the experiment it belongs to
 * @param number the trial number within the experiment
 * @param params what to try
 * @param seed the trial's seed, derived from the experiment seed and the trial number
 * @param timeout the wall-clock limit; past it the trial ends as TIMEOUT
 * @param resource the share of the full resource to run at, in (0, 1] (a scheduler's rung: a
 *     fraction of the training rows, or of the learner's iterations); NaN for the full resource
 */
public record TrialTask(String experimentId, int number, Params params, long seed, Duration timeout, double resource) {

    /** Validates. */
    public TrialTask {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a trial timeout must be positive, got " + timeout);
        }
        if (!Double.isNaN(resource) && !(resource > 0 && resource <= 1)) {
            throw new IllegalArgumentException("a trial resource must be in (0, 1] or NaN, got " + resource);
        }
    }

    /**
     * A trial at the full resource.
     *
     * @param experimentId the experiment
     * @param number the trial number
     * @param params what to try
     * @param seed the trial's seed
     * @param timeout the wall-clock limit
     */
    public TrialTask(String experimentId, int number, Params params, long seed, Duration timeout) {
        this(experimentId, number, params, seed, timeout, Double.NaN);
    }

    /** @return the child run id, {@code <experimentId>_<number>} (Azure's naming) */
    public String runId() {
        return experimentId + "_" + number;
    }
}
