package dev.quarry.automl.config;

/**
 * {@code type: asha}: asynchronous successive halving (Li et al. 2020): promotions as results
 * arrive, so workers never idle.
 *
 * @param minResource the smallest share, in (0, 1]; default 0.1 (with the defaults the rungs are 1/9, 1/3, 1)
 * @param maxResource the full share, in [minResource, 1]; default 1
 * @param reductionFactor η, {@code > 1}: each rung keeps 1/η of the trials; default 3
 * @param resource what the share scales: auto (iterations for iterative learners, else rows), rows or iterations; default auto
 */
public record AshaSpec(Double minResource, Double maxResource, Double reductionFactor, ResourceKind resource)
        implements SchedulerSpec {

    /** Applies defaults and validates. */
    public AshaSpec {
        minResource = minResource == null ? 0.1 : minResource;
        maxResource = maxResource == null ? 1.0 : maxResource;
        reductionFactor = reductionFactor == null ? 3.0 : reductionFactor;
        resource = resource == null ? ResourceKind.AUTO : resource;
        SearchRules.ladder(minResource, maxResource, reductionFactor);
    }
}
