package dev.quarry.automl.config;

/**
 * {@code ensemble}: greedy ensemble selection over the best trials' validation predictions
 * (Caruana et al. 2004). The ensemble is shipped only when it scores better than the best single
 * configuration.
 *
 * @param enabled whether to build one; default true
 * @param candidates how many of the best trials to choose from, in [2, 50]; default 8 (their fold
 *     models are kept in memory until the end)
 * @param rounds how many greedy picks at most, in [1, 200]; default 20
 */
public record EnsembleConfig(Boolean enabled, Integer candidates, Integer rounds) {

    /** Applies defaults and validates. */
    public EnsembleConfig {
        enabled = enabled == null || enabled;
        candidates = candidates == null ? 8 : candidates;
        rounds = rounds == null ? 20 : rounds;
        if (candidates < 2 || candidates > 50) {
            throw new InvalidValueException("candidates", "`candidates` must be in [2, 50], got " + candidates);
        }
        if (rounds < 1 || rounds > 200) {
            throw new InvalidValueException("rounds", "`rounds` must be in [1, 200], got " + rounds);
        }
    }
}
