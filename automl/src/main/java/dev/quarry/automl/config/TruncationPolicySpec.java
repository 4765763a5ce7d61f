package dev.quarry.automl.config;

/**
 * {@code type: truncation}: stop a trial in the lowest share of the trials at its interval.
 *
 * @param truncationPercentage the share, in [1, 99]; default 20
 * @param evaluationInterval apply at every this many intervals (rungs), at least 1; default 1
 * @param delayEvaluation never apply before this interval, at least 0; default 0
 */
public record TruncationPolicySpec(Integer truncationPercentage, Integer evaluationInterval, Integer delayEvaluation)
        implements PolicySpec {

    /** Applies defaults and validates. */
    public TruncationPolicySpec {
        truncationPercentage = truncationPercentage == null ? 20 : truncationPercentage;
        if (truncationPercentage < 1 || truncationPercentage > 99) {
            throw new InvalidValueException("truncationPercentage", "`truncationPercentage` must be in [1, 99], got "
                    + truncationPercentage);
        }
        evaluationInterval = evaluationInterval == null ? 1 : evaluationInterval;
        delayEvaluation = delayEvaluation == null ? 0 : delayEvaluation;
        SearchRules.intervals(evaluationInterval, delayEvaluation);
    }
}
