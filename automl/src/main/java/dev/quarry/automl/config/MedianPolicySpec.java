package dev.quarry.automl.config;

/**
 * {@code type: median}: stop a trial whose best so far is worse than the median of the other
 * trials' running averages.
 *
 * @param evaluationInterval apply at every this many intervals (rungs), at least 1; default 1
 * @param delayEvaluation never apply before this interval, at least 0; default 0
 */
public record MedianPolicySpec(Integer evaluationInterval, Integer delayEvaluation) implements PolicySpec {

    /** Applies defaults and validates. */
    public MedianPolicySpec {
        evaluationInterval = evaluationInterval == null ? 1 : evaluationInterval;
        delayEvaluation = delayEvaluation == null ? 0 : delayEvaluation;
        SearchRules.intervals(evaluationInterval, delayEvaluation);
    }
}
