package dev.quarry.search.sampler;

/** The univariate TPE (one Parzen estimator per hyperparameter) still meets the sampler contract. */
class TpeUnivariateSamplerTest implements SamplerContract {

    @Override
    public Sampler sampler(long seed) {
        return new TpeSampler(seed, 5, 24, 0.1, true, false, false);
    }
}
