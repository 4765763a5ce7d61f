package dev.quarry.automl.config;

import java.time.Duration;

/**
 * {@code budget}: when to stop. At least one of {@code maxTrials} and {@code maxDuration} is set.
 *
 * @param maxTrials the most child runs, or null for no limit
 * @param maxDuration the hard wall-clock budget of the whole run, or null for no limit
 * @param trialTimeout one trial's limit; default half of maxDuration, at most 10 minutes
 * @param exitScore stop once the primary metric reaches this, or null
 * @param stagnation stop after this many child runs without a new best, or null
 * @param maxPredictLatency the model shipped must score one row within this (its measured p99), or
 *     null for no limit; when no child run meets it, the fastest one is shipped and the leaderboard says so
 * @param preferSmallerModels ship the smallest model among those scoring within one standard error
 *     of the best (Breiman's one-standard-error rule) instead of the best; default false
 */
public record BudgetConfig(Integer maxTrials, Duration maxDuration, Duration trialTimeout, Double exitScore,
        Integer stagnation, Duration maxPredictLatency, Boolean preferSmallerModels) {

    /** The longest default trial timeout. */
    public static final Duration MAX_DEFAULT_TRIAL_TIMEOUT = Duration.ofMinutes(10);

    /** Applies defaults and validates. */
    public BudgetConfig {
        if (maxTrials == null && maxDuration == null) {
            throw new InvalidValueException(null, "expected maxTrials, maxDuration or both, so the experiment can end; got neither");
        }
        if (maxTrials != null && maxTrials < 1) {
            throw new InvalidValueException("maxTrials", "`maxTrials >= 1` must hold, got " + maxTrials);
        }
        if (maxDuration != null && !maxDuration.isPositive()) {
            throw new InvalidValueException("maxDuration", "must be positive, got " + maxDuration);
        }
        if (trialTimeout != null && !trialTimeout.isPositive()) {
            throw new InvalidValueException("trialTimeout", "must be positive, got " + trialTimeout);
        }
        if (stagnation != null && stagnation < 1) {
            throw new InvalidValueException("stagnation", "`stagnation >= 1` must hold, got " + stagnation);
        }
        if (exitScore != null && !Double.isFinite(exitScore)) {
            throw new InvalidValueException("exitScore", "must be a finite number, got " + exitScore);
        }
        if (maxPredictLatency != null && !maxPredictLatency.isPositive()) {
            throw new InvalidValueException("maxPredictLatency", "must be positive, got " + maxPredictLatency);
        }
        preferSmallerModels = preferSmallerModels != null && preferSmallerModels;
        if (trialTimeout == null) {
            trialTimeout = maxDuration == null ? MAX_DEFAULT_TRIAL_TIMEOUT
                    : min(maxDuration.dividedBy(2), MAX_DEFAULT_TRIAL_TIMEOUT);
        }
        if (maxDuration != null && trialTimeout.compareTo(maxDuration) > 0) {
            throw new InvalidValueException("trialTimeout", "must not exceed maxDuration (" + maxDuration + "), got "
                    + trialTimeout);
        }
    }

    /**
     * A budget without deployment constraints.
     *
     * @param maxTrials the most child runs, or null
     * @param maxDuration the wall-clock budget, or null
     * @param trialTimeout one trial's limit, or null for the default
     * @param exitScore the score to stop at, or null
     * @param stagnation child runs without a new best to stop after, or null
     */
    public BudgetConfig(Integer maxTrials, Duration maxDuration, Duration trialTimeout, Double exitScore,
            Integer stagnation) {
        this(maxTrials, maxDuration, trialTimeout, exitScore, stagnation, null, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
