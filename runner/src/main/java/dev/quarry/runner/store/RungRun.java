package dev.quarry.runner.store;

import dev.quarry.search.space.Params;

/**
 * One run of a scheduled trial at one resource, as the run store records it: what a scheduler
 * decided (start or promotion) and, once the run ended, how long it took. Its score, if it
 * succeeded, is the trial's observation at that resource.
 *
 * @param trial the trial number
 * @param resource the run's resource, positive
 * @param params the trial's params
 * @param seconds the run's wall-clock seconds; NaN while it runs (or if its coordinator died under it)
 * @param fitSeconds the run's fit seconds; NaN while it runs
 */
public record RungRun(int trial, double resource, Params params, double seconds, double fitSeconds) {

    /** Validates. */
    public RungRun {
        if (trial < 0) {
            throw new IllegalArgumentException("trial numbers start at 0, got " + trial);
        }
        if (!(resource > 0)) {
            throw new IllegalArgumentException("`resource > 0` must hold, got " + resource + " (trial " + trial + ")");
        }
        if (params == null) {
            throw new IllegalArgumentException("a rung run needs its params (trial " + trial + ")");
        }
    }

    /** @return whether the run ended (successfully or not) */
    public boolean ended() {
        return !Double.isNaN(seconds);
    }
}
