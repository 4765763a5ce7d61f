/**
 * How much budget a trial gets and when it stops (Ray Tune's TrialScheduler, Optuna's Pruner):
 * multi-fidelity {@link dev.quarry.search.scheduler.Scheduler}s (successive halving, Hyperband,
 * ASHA) that start trials at a small resource and promote the best, and early-termination
 * {@link dev.quarry.search.scheduler.StoppingPolicy}s (bandit, median stopping, truncation
 * selection) that stop trials whose intermediate scores fall behind.
 *
 * <p>Both are pure functions of the {@link dev.quarry.search.history.SearchHistory} (its trials
 * and its observations), so replaying a run store gives the same decisions. They never see the
 * experiment loop, only the history.
 */
package dev.quarry.search.scheduler;
