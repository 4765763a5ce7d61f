package dev.quarry.automl.config;

import dev.quarry.featurize.table.Task;

/**
 * {@code ensemble}: the ensembles built after the search over the best trials' validation
 * predictions, each recorded as a child run: greedy ensemble selection (Caruana et al. 2004) over the
 * candidates and the best of each family; stacking with a regularised linear meta-learner (Wolpert
 * 1992); and a small best-of-family ensemble for fast deployment. Each is scored honestly, by nested
 * selection or nested cross-fitting, and shipped only when the final choice picks it, which compares
 * single configurations at the nested estimate of shipping the best of them.
 *
 * @param enabled whether to build any; default true
 * @param candidates how many of the best trials to choose from, in [2, 50]; default 8 (their fold
 *     models are kept in memory until the end)
 * @param rounds how many greedy picks at most, in [1, 200]; default 20
 * @param stacking whether to build the stacked ensemble over the candidates; default true
 * @param families how many learner families the best-of-family ensemble takes its members from (the
 *     best configuration of each of the best-scoring families), in [2, 10], or 0 to build none;
 *     default 3
 * @param poolFamilies how many learner families' best configurations join the greedy ensemble's pool
 *     besides the best trials (those of the best-scoring families), in [0, 30], or null for the
 *     default by task ({@link #poolFamilies(Task)}): 10 for classification, 3 for regression. On the
 *     quality suite's four classification datasets, the 10-family pool's greedy ensemble was ahead of
 *     the 3-family pool's on the same searches on credit-g (+0.45%) and phoneme (+0.07%: the best
 *     trials are near-identical extra trees), even on blood-transfusion, behind on vehicle's log loss
 *     (-0.2%); on the two regression datasets it was never ahead (california-housing even, ames-house-prices
 *     -1.1% in two runs of two)
 */
public record EnsembleConfig(Boolean enabled, Integer candidates, Integer rounds, Boolean stacking, Integer families,
        Integer poolFamilies) {

    /** Applies defaults and validates. */
    public EnsembleConfig {
        enabled = enabled == null || enabled;
        candidates = candidates == null ? 8 : candidates;
        rounds = rounds == null ? 20 : rounds;
        stacking = stacking == null || stacking;
        families = families == null ? 3 : families;
        if (candidates < 2 || candidates > 50) {
            throw new InvalidValueException("candidates", "`candidates` must be in [2, 50], got " + candidates);
        }
        if (rounds < 1 || rounds > 200) {
            throw new InvalidValueException("rounds", "`rounds` must be in [1, 200], got " + rounds);
        }
        if (families != 0 && (families < 2 || families > 10)) {
            throw new InvalidValueException("families", "`families` must be 0 or in [2, 10], got " + families);
        }
        if (poolFamilies != null && (poolFamilies < 0 || poolFamilies > 30)) {
            throw new InvalidValueException("poolFamilies", "`poolFamilies` must be in [0, 30], got " + poolFamilies);
        }
    }

    /**
     * The greedy ensemble's settings, stacking, best-of-family and the pool's families with their defaults.
     *
     * @param enabled whether to build any
     * @param candidates how many of the best trials to choose from
     * @param rounds how many greedy picks at most
     */
    public EnsembleConfig(Boolean enabled, Integer candidates, Integer rounds) {
        this(enabled, candidates, rounds, null, null, null);
    }

    /** The pool's families for classification when {@code poolFamilies} is not set. */
    public static final int CLASSIFICATION_POOL_FAMILIES = 10;

    /** The pool's families for regression when {@code poolFamilies} is not set. */
    public static final int REGRESSION_POOL_FAMILIES = 3;

    /**
     * @param task the experiment's task
     * @return how many families' bests join the greedy pool: {@code poolFamilies} if set, else the
     *     default for the task
     */
    public int poolFamilies(Task task) {
        if (poolFamilies != null) {
            return poolFamilies;
        }
        return task.isClassification() ? CLASSIFICATION_POOL_FAMILIES : REGRESSION_POOL_FAMILIES;
    }

    /**
     * @param task the experiment's task
     * @return how many families' best trials to keep: enough for the best-of-family ensemble and for the pool
     */
    public int keptFamilies(Task task) {
        return Math.max(families, poolFamilies(task));
    }
}
