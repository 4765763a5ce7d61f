package dev.quarry.search.history;

import dev.quarry.search.space.Params;

/**
 * One trial as the search sees it.
 *
 * @param number the trial number, 0-based, unique within an experiment and in proposal order
 * @param params what was tried
 * @param state where the trial is
 * @param score the primary metric (NaN unless COMPLETED or PRUNED); under a scheduler, the score at
 *     the largest resource the trial has reached
 * @param costSeconds the trial's wall-clock seconds so far (0 while unknown), summed over resources
 * @param resource the resource of the trial's latest run (running, finished or failed); NaN when the
 *     trial runs without a scheduler, at the full resource
 */
public record TrialRecord(int number, Params params, TrialState state, double score, double costSeconds,
        double resource) {

    /** Validates. */
    public TrialRecord {
        if (number < 0) {
            throw new IllegalArgumentException("trial numbers start at 0, got " + number);
        }
        if (state == TrialState.COMPLETED && Double.isNaN(score)) {
            throw new IllegalArgumentException("a COMPLETED trial needs a score (trial " + number + ")");
        }
    }

    /**
     * A trial run at the full resource, without a scheduler.
     *
     * @param number the trial number
     * @param params what was tried
     * @param state where the trial is
     * @param score the primary metric
     * @param costSeconds the wall-clock seconds so far
     */
    public TrialRecord(int number, Params params, TrialState state, double score, double costSeconds) {
        this(number, params, state, score, costSeconds, Double.NaN);
    }

    /** @return whether the trial has a usable score */
    public boolean hasScore() {
        return (state == TrialState.COMPLETED || state == TrialState.PRUNED) && !Double.isNaN(score);
    }

    /**
     * @param newState the new state
     * @param newScore the new score
     * @param addedCost seconds to add to the cost
     * @param newResource the resource of the latest run
     * @return a copy with those changes
     */
    public TrialRecord with(TrialState newState, double newScore, double addedCost, double newResource) {
        return new TrialRecord(number, params, newState, newScore, costSeconds + addedCost, newResource);
    }
}
