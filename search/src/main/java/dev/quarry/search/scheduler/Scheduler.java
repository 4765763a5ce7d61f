package dev.quarry.search.scheduler;

import dev.quarry.search.history.SearchHistory;
import java.util.Set;

/**
 * Decides how much resource each trial gets (Ray Tune's TrialScheduler, Optuna's Pruner): new trials
 * start at a small rung of the {@link ResourceLadder}, and the best are promoted to larger ones.
 *
 * <p>Contract: {@link #next} and {@link #pruned} are pure functions of the history: the trials
 * (their state and the resource of their latest run) and the observations (one per trial and rung
 * reached). A trial is promoted only if it is COMPLETED at its current rung with a non-NaN score
 * there; FAILED and PRUNED trials are never promoted, and a trial is never promoted twice from one
 * rung. Among equal scores the lower trial number ranks first. Called from one thread at a time.
 */
public sealed interface Scheduler permits SuccessiveHalving, Hyperband, Asha {

    /** @return the rungs */
    ResourceLadder ladder();

    /**
     * What a free worker should do next.
     *
     * @param history the trials so far, running ones included, and their observations
     * @param mayStart whether a new trial may start (false once the trial budget is spent: then
     *     brackets that will never fill are decided with the trials they have)
     * @return a promotion when one is due (highest rung first, then best score), otherwise a start
     *     at the scheduler's next starting rung if allowed, otherwise {@link Decision.Wait}
     */
    Decision next(SearchHistory history, boolean mayStart);

    /**
     * Trials finished below the top rung that this scheduler will never promote, given the history:
     * the experiment records them as PRUNED with their last score. Trials that a later result could
     * still promote (in ASHA, any of them) are not in the set.
     *
     * @param history the trials so far
     * @param mayStart as for {@link #next}
     * @return their numbers
     */
    Set<Integer> pruned(SearchHistory history, boolean mayStart);
}
