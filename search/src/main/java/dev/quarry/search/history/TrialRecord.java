package dev.quarry.search.history;

import dev.quarry.search.space.Params;

/**
 * One trial as the search sees it.
 *
 * @param number the trial number, 0-based, unique within an experiment and in proposal order
 * @param params what was tried
 * @param state where the trial is
 * @param score the primary metric (NaN unless COMPLETED or PRUNED)
 * @param costSeconds the trial's wall-clock seconds so far (0 while unknown)
 */
public record TrialRecord(int number, Params params, TrialState state, double score, double costSeconds) {

    /** Validates. */
    public TrialRecord {
        if (number < 0) {
            throw new IllegalArgumentException("trial numbers start at 0, got " + number);
        }
        if (state == TrialState.COMPLETED && Double.isNaN(score)) {
            throw new IllegalArgumentException("a COMPLETED trial needs a score (trial " + number + ")");
        }
    }

    /** @return whether the trial has a usable score */
    public boolean hasScore() {
        return (state == TrialState.COMPLETED || state == TrialState.PRUNED) && !Double.isNaN(score);
    }
}
