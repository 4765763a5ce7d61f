package dev.quarry.automl.config;

/**
 * {@code type: bandit}: stop a trial that is not within a slack of the best at the same interval.
 *
 * @param slackFactor relative slack, {@code > 0}; exactly one of slackFactor and slackAmount; default
 *     0.1 when neither is given
 * @param slackAmount absolute slack, {@code >= 0}
 * @param evaluationInterval apply at every this many intervals (rungs), at least 1; default 1
 * @param delayEvaluation never apply before this interval, at least 0; default 0
 */
public record BanditPolicySpec(Double slackFactor, Double slackAmount, Integer evaluationInterval,
        Integer delayEvaluation) implements PolicySpec {

    /** Applies defaults and validates. */
    public BanditPolicySpec {
        if (slackFactor != null && slackAmount != null) {
            throw new InvalidValueException("slackAmount", "give exactly one of slackFactor and slackAmount, got both");
        }
        if (slackFactor == null && slackAmount == null) {
            slackFactor = 0.1;
        }
        if (slackFactor != null && !(slackFactor > 0 && Double.isFinite(slackFactor))) {
            throw new InvalidValueException("slackFactor", "`slackFactor > 0` must hold, got " + slackFactor);
        }
        if (slackAmount != null && !(slackAmount >= 0 && Double.isFinite(slackAmount))) {
            throw new InvalidValueException("slackAmount", "`slackAmount >= 0` must hold, got " + slackAmount);
        }
        evaluationInterval = evaluationInterval == null ? 1 : evaluationInterval;
        delayEvaluation = delayEvaluation == null ? 0 : delayEvaluation;
        SearchRules.intervals(evaluationInterval, delayEvaluation);
    }
}
