package dev.quarry.automl.config;

/**
 * {@code type: successive_halving}: synchronous successive halving in brackets.
 *
 * @param minResource the smallest share, in (0, 1]; default 0.1 (with the defaults the rungs are 1/9, 1/3, 1)
 * @param maxResource the full share, in [minResource, 1]; default 1
 * @param reductionFactor η, {@code > 1}: each rung keeps 1/η of the trials; default 3
 * @param resource what the share scales: auto (iterations for iterative learners, else rows), rows or iterations; default auto
 * @param bracketSize trials per bracket, at least 1; default null: ceil(η^K), so one trial reaches the top
 */
public record SuccessiveHalvingSpec(Double minResource, Double maxResource, Double reductionFactor,
        ResourceKind resource, Integer bracketSize) implements SchedulerSpec {

    /** Applies defaults and validates. */
    public SuccessiveHalvingSpec {
        minResource = minResource == null ? 0.1 : minResource;
        maxResource = maxResource == null ? 1.0 : maxResource;
        reductionFactor = reductionFactor == null ? 3.0 : reductionFactor;
        resource = resource == null ? ResourceKind.AUTO : resource;
        SearchRules.ladder(minResource, maxResource, reductionFactor);
        if (bracketSize != null && bracketSize < 1) {
            throw new InvalidValueException("bracketSize", "`bracketSize >= 1` must hold, got " + bracketSize);
        }
    }
}
