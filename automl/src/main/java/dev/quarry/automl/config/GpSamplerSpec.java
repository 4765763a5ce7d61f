package dev.quarry.automl.config;

/**
 * {@code type: gp}: Bayesian optimisation with a Gaussian process (Matérn 5/2) and expected
 * improvement, one surrogate per learner, after the warm start (defaults and portfolios).
 *
 * @param startupTrials scored trials of random search before the GP takes over, at least 2; default 10
 * @param candidates uniform candidate points per learner and proposal, in [1, 10000]; default 256
 * @param costAware whether learners are chosen by expected improvement per second of measured cost;
 *     default true
 */
public record GpSamplerSpec(Integer startupTrials, Integer candidates, Boolean costAware) implements SamplerSpec {

    /** Applies defaults and validates. */
    public GpSamplerSpec {
        startupTrials = startupTrials == null ? 10 : startupTrials;
        candidates = candidates == null ? 256 : candidates;
        costAware = costAware == null || costAware;
        if (startupTrials < 2) {
            throw new InvalidValueException("startupTrials", "`startupTrials >= 2` must hold, got " + startupTrials);
        }
        if (candidates < 1 || candidates > 10000) {
            throw new InvalidValueException("candidates", "`candidates` must be in [1, 10000], got " + candidates);
        }
    }
}
