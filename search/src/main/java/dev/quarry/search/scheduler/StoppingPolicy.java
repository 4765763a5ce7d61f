package dev.quarry.search.scheduler;

import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import java.util.List;

/**
 * An early-termination policy (Azure HyperDrive's, Vizier's median rule): after a trial reports an
 * observation, decides whether it stops there. A stopped trial is recorded as PRUNED with its last
 * score and is never promoted again. Policies combine with any sampler and any scheduler.
 *
 * <p><b>Intervals.</b> A trial's i-th observation (1-based, in arrival order) is its interval i;
 * under a scheduler, interval i is the i-th rung the trial reached. A policy is applied at interval
 * i exactly when {@code i >= max(1, delayEvaluation)} and {@code i % evaluationInterval == 0}; at
 * other intervals it never stops. E.g. interval 1, delay 5: applied at 5, 6, 7, …; interval 2,
 * delay 0: at 2, 4, 6, ….
 *
 * <p>Contract: {@link #shouldStop} is a pure function of the history it is given (the observations
 * in it, in order), so replaying the store's observations up to each decision gives the same
 * decisions. Observations with a NaN score are ignored by comparisons; a trial whose own latest
 * score is NaN is stopped whenever the policy applies.
 */
public sealed interface StoppingPolicy permits BanditPolicy, MedianStoppingPolicy, TruncationSelectionPolicy {

    /** @return how often, in intervals, the policy applies; at least 1 */
    int evaluationInterval();

    /** @return the interval before which the policy never applies; at least 0 */
    int delayEvaluation();

    /**
     * @param history the history including the trial's latest observation
     * @param trial the trial that just reported
     * @return whether the trial stops now: never where the policy does not apply, always where it
     *     applies and the latest score is NaN, otherwise as {@link #fallsBehind} says
     */
    default boolean shouldStop(SearchHistory history, int trial) {
        List<Observation> own = history.observationsOf(trial);
        int interval = own.size();
        if (interval == 0 || !appliesAt(interval)) {
            return false;
        }
        return Double.isNaN(own.getLast().score()) || fallsBehind(history, own);
    }

    /**
     * The policy's own rule, applied at an interval where it applies.
     *
     * @param history the history including the trial's latest observation
     * @param own the trial's observations, the last one non-NaN; the interval is their count
     * @return whether the trial stops
     */
    boolean fallsBehind(SearchHistory history, List<Observation> own);

    /**
     * @param interval a 1-based interval
     * @return whether the policy applies there
     */
    default boolean appliesAt(int interval) {
        return interval >= Math.max(1, delayEvaluation()) && interval % evaluationInterval() == 0;
    }

    /**
     * The score each trial reported at a given interval (its i-th observation), NaN scores left out.
     *
     * @param history the history
     * @param interval 1-based
     * @return one observation per trial that reached that interval
     */
    static List<Observation> atInterval(SearchHistory history, int interval) {
        var counts = new java.util.HashMap<Integer, Integer>();
        var out = new java.util.ArrayList<Observation>();
        for (Observation o : history.observations()) {
            int i = counts.merge(o.trial(), 1, Integer::sum);
            if (i == interval && !Double.isNaN(o.score())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Checks the interval parameters, naming them. */
    static void validate(int evaluationInterval, int delayEvaluation) {
        if (evaluationInterval < 1) {
            throw new IllegalArgumentException("`evaluationInterval >= 1` must hold, got " + evaluationInterval);
        }
        if (delayEvaluation < 0) {
            throw new IllegalArgumentException("`delayEvaluation >= 0` must hold, got " + delayEvaluation);
        }
    }
}
