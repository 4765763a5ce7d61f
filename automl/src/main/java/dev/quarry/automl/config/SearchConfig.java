package dev.quarry.automl.config;

/**
 * {@code search}: what to try (the sampler), how much resource each trial gets (the scheduler) and
 * when a trial stops early (the policy).
 *
 * @param sampler what proposes params; default the GP optimiser with the learner bandit, after the
 *     warm start (chosen from the search benchmark, {@code examples/benchmark/results/2026-12-01-search}:
 *     the best final score on three of four datasets at a 20 s budget, and a twelfth of random
 *     search's evaluations on Branin)
 * @param scheduler multi-fidelity scheduling; default {@code none} (every trial at the full resource)
 * @param policy early termination; default {@code none}; any other needs a scheduler
 */
public record SearchConfig(SamplerSpec sampler, SchedulerSpec scheduler, PolicySpec policy) {

    /** Applies the defaults and checks that a policy has rungs to work on. */
    public SearchConfig {
        sampler = sampler == null ? new GpSamplerSpec(null, null, null) : sampler;
        scheduler = scheduler == null ? new NoSchedulerSpec() : scheduler;
        policy = policy == null ? new NoPolicySpec() : policy;
        if (!(policy instanceof NoPolicySpec) && scheduler instanceof NoSchedulerSpec) {
            throw new InvalidValueException("policy", "an early-termination policy needs a scheduler (its rungs are the "
                    + "policy's intervals); set search.scheduler, e.g. {type: asha}");
        }
    }

    /**
     * @param sampler what proposes params
     */
    public SearchConfig(SamplerSpec sampler) {
        this(sampler, null, null);
    }
}
