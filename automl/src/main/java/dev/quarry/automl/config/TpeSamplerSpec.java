package dev.quarry.automl.config;

import dev.quarry.search.sampler.TpeSampler;

/**
 * {@code type: tpe}: the tree-structured Parzen estimator over the conditional space.
 *
 * @param startupTrials scored trials of random search (learner defaults first) before TPE takes over,
 *     at least 1; default 10
 * @param candidates points drawn from the good density per proposal, at least 1; default 24
 * @param gamma the share of scored trials treated as good, in (0, 1); default 0.1 (Optuna's)
 * @param warmStart whether each learner's portfolio follows its defaults before random startup; default true
 * @param costAware whether learners are chosen by expected improvement per second of measured cost
 *     (instead of TPE's own ratio); default false
 * @param multivariate whether each learner's parameters are modelled jointly (multivariate TPE)
 *     instead of one by one; default {@link TpeSampler#DEFAULT_MULTIVARIATE}
 */
public record TpeSamplerSpec(Integer startupTrials, Integer candidates, Double gamma, Boolean warmStart,
        Boolean costAware, Boolean multivariate) implements SamplerSpec {

    /** Applies defaults and validates. */
    public TpeSamplerSpec {
        startupTrials = startupTrials == null ? 10 : startupTrials;
        candidates = candidates == null ? 24 : candidates;
        gamma = gamma == null ? 0.1 : gamma;
        warmStart = warmStart == null || warmStart;
        costAware = costAware != null && costAware;
        multivariate = multivariate == null ? TpeSampler.DEFAULT_MULTIVARIATE : multivariate;
        if (startupTrials < 1) {
            throw new InvalidValueException("startupTrials", "`startupTrials >= 1` must hold, got " + startupTrials);
        }
        if (candidates < 1) {
            throw new InvalidValueException("candidates", "`candidates >= 1` must hold, got " + candidates);
        }
        if (!(gamma > 0 && gamma < 1)) {
            throw new InvalidValueException("gamma", "`gamma` must be in (0, 1), got " + gamma);
        }
    }

    /**
     * The spec without the {@code multivariate} key (its default).
     *
     * @param startupTrials scored trials of random search before TPE takes over
     * @param candidates points drawn from the good density per proposal
     * @param gamma the share of scored trials treated as good
     * @param warmStart whether each learner's portfolio follows its defaults
     * @param costAware whether learners are chosen by expected improvement per second
     */
    public TpeSamplerSpec(Integer startupTrials, Integer candidates, Double gamma, Boolean warmStart,
            Boolean costAware) {
        this(startupTrials, candidates, gamma, warmStart, costAware, null);
    }
}
