package dev.quarry.automl.experiment;

import dev.quarry.search.scheduler.Scheduler;
import dev.quarry.search.scheduler.StoppingPolicy;
import dev.quarry.search.sampler.Sampler;

/**
 * The search as configured: what to try, how much resource each trial gets, when to stop one.
 *
 * @param sampler proposes params
 * @param scheduler the multi-fidelity scheduler, or null to run every trial at the full resource
 * @param policy the early-termination policy, or null; needs a scheduler
 */
public record SearchStrategy(Sampler sampler, Scheduler scheduler, StoppingPolicy policy) {

    /** Validates. */
    public SearchStrategy {
        if (sampler == null) {
            throw new IllegalArgumentException("a search strategy needs a sampler");
        }
        if (policy != null && scheduler == null) {
            throw new IllegalArgumentException("a stopping policy needs a scheduler: its rungs are the policy's intervals");
        }
    }

    /**
     * @param sampler proposes params
     * @return the strategy without a scheduler
     */
    public static SearchStrategy of(Sampler sampler) {
        return new SearchStrategy(sampler, null, null);
    }
}
