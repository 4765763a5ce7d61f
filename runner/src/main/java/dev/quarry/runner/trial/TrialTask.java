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
 */
public record TrialTask(String experimentId, int number, Params params, long seed, Duration timeout) {

    /** Validates. */
    public TrialTask {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a trial timeout must be positive, got " + timeout);
        }
    }

    /** @return the child run id, {@code <experimentId>_<number>} (Azure's naming) */
    public String runId() {
        return experimentId + "_" + number;
    }
}
