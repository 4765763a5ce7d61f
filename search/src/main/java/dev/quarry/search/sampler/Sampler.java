package dev.quarry.search.sampler;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;

/**
 * Proposes the params of the next trial (Optuna's word). Implementations are deterministic: the
 * same space, history and trial number give the same params. They may be called from one thread
 * at a time per experiment; they keep no state between calls beyond their construction arguments.
 */
public sealed interface Sampler permits RandomSampler, TpeSampler, GridSampler, GpSampler {

    /**
     * @param space the conditional space to propose from
     * @param history every trial so far, running ones included (so a sampler may avoid them)
     * @param trialNumber the number the proposed trial will get
     * @return params inside {@code space}
     */
    Params propose(SearchSpace space, SearchHistory history, int trialNumber);

    /**
     * Whether the sampler has nothing left to propose (a finished grid); the experiment then stops
     * with that reason. Samplers over continuous spaces never are.
     *
     * @param space the space
     * @param history the trials so far
     * @param trialNumber the number the next trial would get
     * @return whether {@link #propose} would have nothing new to give
     */
    default boolean exhausted(SearchSpace space, SearchHistory history, int trialNumber) {
        return false;
    }
}
