package dev.quarry.search.sampler;

/** TPE with the warm-start portfolio and the learner bandit meets the same contract. */
class TpeCostAwareSamplerTest implements SamplerContract {

    @Override
    public Sampler sampler(long seed) {
        return new TpeSampler(seed, 5, 24, 0.1, true, true);
    }
}
