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
 */
public record BudgetConfig(Integer maxTrials, Duration maxDuration, Duration trialTimeout, Double exitScore,
        Integer stagnation) {

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
        if (trialTimeout == null) {
            trialTimeout = maxDuration == null ? MAX_DEFAULT_TRIAL_TIMEOUT
                    : min(maxDuration.dividedBy(2), MAX_DEFAULT_TRIAL_TIMEOUT);
        }
        if (maxDuration != null && trialTimeout.compareTo(maxDuration) > 0) {
            throw new InvalidValueException("trialTimeout", "must not exceed maxDuration (" + maxDuration + "), got "
                    + trialTimeout);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
