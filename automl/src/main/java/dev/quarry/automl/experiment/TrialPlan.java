package dev.quarry.automl.experiment;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.SearchHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the experiment loop runs next and what each finished run means, so that the loop keeps only
 * executors, budgets and recording. {@link SampledTrials} runs each sampled trial once at the full
 * resource; {@link ScheduledTrials} lets a scheduler start and promote trials across rungs and a
 * policy stop them. Both keep the search history and derive every decision from it. Used from the
 * loop's thread only.
 */
sealed interface TrialPlan permits SampledTrials, ScheduledTrials {

    /**
     * @param mayStart whether a new trial (new params) may start: false once maxTrials are started
     * @param timeout the run's time limit
     * @param searchLeft the time until the search stops, or null without a time budget: a new trial
     *     is not started unless it could finish in it ({@link TrialTimeFit}); a plan that schedules
     *     rungs may ignore it (its first rungs are short by construction)
     * @return the run to submit now, or empty if none may start now
     */
    Optional<TrialTask> next(boolean mayStart, Duration timeout, Duration searchLeft);

    /**
     * @param result a submitted run's result
     * @return the child runs that ended for good because of it, to record in that order: the run's
     *     own trial unless it only finished a rung, and any trial the scheduler now pruned
     */
    List<TrialResult> finished(TrialResult result);

    /**
     * Ends the search once nothing runs: trials waiting for a promotion end as PRUNED.
     *
     * @param now when the search ended
     * @return the child runs that ended for good
     */
    List<TrialResult> close(Instant now);

    /**
     * @param searchLeft the time until the search stops
     * @return the learners whose new trials could not finish in it ({@link TrialTimeFit#tooSlow}), with
     *     their median trial seconds; empty for a plan that schedules rungs
     */
    java.util.Map<String, Double> tooSlow(Duration searchLeft);

    /** @return how many trials (distinct params) have started */
    int started();

    /** @return whether the sampler has nothing new to propose */
    boolean exhausted();

    /** @return the search history so far */
    SearchHistory history();
}
