package dev.quarry.automl.config;

/**
 * {@code type: random}: random search.
 *
 * @param defaultsFirst whether each learner's library defaults are tried first; default true
 */
public record RandomSamplerSpec(Boolean defaultsFirst) implements SamplerSpec {

    /** Applies the default. */
    public RandomSamplerSpec {
        defaultsFirst = defaultsFirst == null || defaultsFirst;
    }
}
