package dev.quarry.automl.config;

/**
 * {@code search}.
 *
 * @param sampler what proposes params; default random search with defaults first
 */
public record SearchConfig(SamplerSpec sampler) {

    /** Applies the default. */
    public SearchConfig {
        sampler = sampler == null ? new RandomSamplerSpec(null) : sampler;
    }
}
