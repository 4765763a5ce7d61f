package dev.quarry.search.sampler;

/** The GP sampler with the learner bandit meets the same contract. */
class GpCostAwareSamplerTest implements SamplerContract {

    @Override
    public Sampler sampler(long seed) {
        return new GpSampler(seed, 5, 32, true);
    }
}
